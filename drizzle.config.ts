import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	dialect: 'postgresql',
	schema: './src/lib/server/db/schema.ts',
	out: './drizzle',
	// timestamped names keep parallel branches from colliding on 0001_...; files are append-only
	migrations: { prefix: 'timestamp' }
});
