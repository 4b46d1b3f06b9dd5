/** Starts the production build (`node build`) on a free port with a fresh demo database. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');

async function freePort() {
	return new Promise((done) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
			s.close(() => done(port));
		});
	});
}

/** BENCH_APP_ROOT: run another checkout's build (a before/after comparison on one machine). */
export const APP_ROOT = process.env.BENCH_APP_ROOT ? resolve(process.env.BENCH_APP_ROOT) : ROOT;

export async function startServer() {
	if (!existsSync(join(APP_ROOT, 'build', 'index.js')))
		throw new Error('no build: run `npm run build` first');
	const port = await freePort();
	const data = mkdtempSync(join(tmpdir(), 'carepoint-bench-'));
	const child = spawn(process.execPath, ['build'], {
		cwd: APP_ROOT,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CAREPOINT_DATA_DIR: data },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 600; i++) {
		try {
			if ((await fetch(`${url}/api/health`)).ok) break;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		async stop() {
			child.kill('SIGTERM');
			await new Promise((r) => child.once('exit', r));
			rmSync(data, { recursive: true, force: true });
		}
	};
}
