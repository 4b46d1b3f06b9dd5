/**
 * The production server: adapter-node's request handler (`build/handler.js`) behind a Node
 * http server of our own, which puts the security headers on every response. adapter-node
 * answers the prerendered shell (`/`, what the service worker serves for every navigation) and
 * the static files itself, before SvelteKit's hooks run; without this they would go out
 * without `X-Frame-Options` and the rest. `node scripts/serve.js` stands in for `node build`
 * (same environment: PORT, HOST, ORIGIN, …); `npm start` runs it.
 *
 * CAREPOINT_WORKERS=n (n > 1) runs n such servers as node:cluster workers on one port. Nothing
 * is kept in process memory (sessions, locks and versions are in the database;
 * tests/e2e/multi-server.spec.ts), so they share the load; one Node process was the limit of
 * the push benchmark while PostgreSQL had room (docs/benchmarks.md §5). A worker that dies is
 * replaced.
 */
import cluster from 'node:cluster';
import http from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SECURITY_HEADERS } from '../src/lib/server/security-headers.js';

const workers = Number(process.env.CAREPOINT_WORKERS ?? 1);
if (workers > 1 && !process.env.DATABASE_URL) {
	// the embedded database (PGlite) lives in one process: two would write one data folder
	console.error('carepoint: CAREPOINT_WORKERS > 1 needs DATABASE_URL (PostgreSQL).');
	process.exit(1);
}
if (workers > 1 && cluster.isPrimary) {
	let stopping = false;
	// the first worker migrates and seeds before the others start, so they never race on it
	cluster.fork().once('listening', () => {
		for (let i = 1; i < workers; i++) cluster.fork();
	});
	cluster.on('exit', (worker, code) => {
		if (!stopping) {
			console.error(`carepoint: worker ${worker.process.pid} exited (${code}), starting another`);
			cluster.fork();
		}
	});
	const stop = (signal) => {
		stopping = true;
		for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
} else {
	await serve();
}

async function serve() {
	const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
	// importing the handler runs SvelteKit's init hook (migrate, seed) before we listen
	const { handler } = await import(pathToFileURL(resolve(root, 'build', 'handler.js')).href);

	const server = http.createServer((req, res) => {
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});

	const port = Number(process.env.PORT ?? 3000);
	const host = process.env.HOST ?? '0.0.0.0';
	server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

	function shutdown(reason) {
		server.close(() => {
			process.emit('sveltekit:shutdown', reason);
			process.exit(0);
		});
		server.closeIdleConnections();
		setTimeout(() => server.closeAllConnections(), 30_000).unref();
	}
	process.on('SIGTERM', () => shutdown('SIGTERM'));
	process.on('SIGINT', () => shutdown('SIGINT'));
}
