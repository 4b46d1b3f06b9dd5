/**
 * `node bench/scale/cluster.mjs` in an app checkout: the production build in BENCH_WORKERS
 * processes (node:cluster, one shared port; the primary hands connections out round-robin).
 * Nothing is kept in process memory (sessions, locks and versions live in PostgreSQL;
 * tests/e2e/multi-server.spec.ts), so this is how the server scales out on one machine. Used by
 * the benchmarks to measure one process against several (each worker has its own pool), and
 * with one process when profiling (BENCH_NODE_ARGS).
 */
import cluster from 'node:cluster';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const n = Number(process.env.BENCH_WORKERS ?? 1);
if (cluster.isPrimary && n > 1) {
	for (let i = 0; i < n; i++) cluster.fork();
	process.on('SIGTERM', () => {
		for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
		setTimeout(() => process.exit(0), 500);
	});
} else {
	// the database pool keeps a closed server alive: exit on SIGTERM, so that a `--cpu-prof`
	// profile is written (it is not on SIGKILL)
	process.on('SIGTERM', () => setTimeout(() => process.exit(0), 200));
	await import(pathToFileURL(join(process.cwd(), 'build', 'index.js')).href);
}
