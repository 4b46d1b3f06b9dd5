/**
 * `node bench/scale/cluster.mjs` in an app checkout: the production build in BENCH_WORKERS
 * processes (node:cluster, one shared port; the primary hands connections out round-robin).
 * Nothing is kept in process memory (sessions, locks and versions live in PostgreSQL;
 * tests/e2e/multi-server.spec.ts), so this is how the server scales out on one machine. Used by
 * the benchmarks to measure one process against several; each worker has its own pool.
 */
import cluster from 'node:cluster';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

if (cluster.isPrimary) {
	const n = Number(process.env.BENCH_WORKERS ?? 2);
	for (let i = 0; i < n; i++) cluster.fork();
	process.on('SIGTERM', () => {
		for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
		setTimeout(() => process.exit(0), 500);
	});
} else {
	await import(pathToFileURL(join(process.cwd(), 'build', 'index.js')).href);
}
