/**
 * `npm start`: one command for a new user. Builds the app when there is no build yet, then runs
 * the adapter-node server in this process. The server migrates the database (and seeds a new
 * installation with demo data) in SvelteKit's `init` hook before it answers any request.
 *
 * Environment (all optional): PORT (3000), HOST (0.0.0.0), CAREPOINT_DATA_DIR (./data; PGlite
 * lives in its `pglite` folder), DATABASE_URL (use PostgreSQL instead of PGlite),
 * CAREPOINT_SEED=0 (start empty).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// migrations and the default data folder are found from the project root, wherever npm ran us
process.chdir(root);

/** Newest modification time under a folder, so a checkout newer than the build rebuilds it. */
function newestMtime(path) {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), 0);
}

const handler = resolve(root, 'build', 'handler.js');
const stale =
	!existsSync(handler) ||
	Math.max(newestMtime(resolve(root, 'src')), newestMtime(resolve(root, 'drizzle'))) >
		statSync(handler).mtimeMs;
if (stale) {
	console.log(
		'carepoint: the build is missing or older than the source, running `npm run build` …'
	);
	const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', cwd: root });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

process.env.PORT ??= '3000';
process.env.HOST ??= '0.0.0.0';
process.env.CAREPOINT_DATA_DIR = resolve(root, process.env.CAREPOINT_DATA_DIR ?? 'data');
process.env.CAREPOINT_MIGRATIONS_DIR ??= resolve(root, 'drizzle');

// adapter-node's handler behind our server (security headers on the static shell too): it
// reads PORT/HOST, runs the init hook (migrate + seed) and starts listening
await import(pathToFileURL(resolve(root, 'scripts', 'serve.js')).href);

const url = `http://localhost:${process.env.PORT}`;
let healthy = false;
for (let attempt = 0; attempt < 60 && !healthy; attempt++) {
	if (attempt > 0) await new Promise((done) => setTimeout(done, 500));
	healthy = await fetch(`${url}/api/health`).then(
		(response) => response.ok,
		() => false
	);
}
console.log(`carepoint is running at ${url}`);
// keep serving: the server retries the database on each request and /api/health says when it is back
if (!healthy) console.warn(`carepoint: the database is not reachable yet (see ${url}/api/health)`);
