import { createServer, request, type Server } from 'node:http';

/**
 * A stand-in for deploying a second build while tablets have the app open: a small proxy in
 * front of the test server that, once `deployNextVersion()` is called, serves a service worker
 * that differs from the running one (the built file plus a version comment) — what a new build
 * looks like to the browser's update check. Everything else passes through unchanged.
 *
 * (Playwright's request routing does not see the browser's service-worker update fetch, so the
 * change has to come from the server side, as a real deployment would.)
 */
export class Deployment {
	private server: Server | null = null;
	private version = 1;

	private port = 0;

	constructor(private readonly upstream: URL) {}

	/** The proxy's address, once started (a free port chosen by the system). */
	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	deployNextVersion() {
		this.version++;
	}

	async start() {
		this.server = createServer((req, res) => {
			const path = req.url ?? '/';
			const headers = { ...req.headers, 'accept-encoding': 'identity' };
			if (path.startsWith('/service-worker.js')) {
				// a revalidation answered 304 would hide the new build
				delete headers['if-none-match'];
				delete headers['if-modified-since'];
			}
			const upstream = request(
				{
					host: this.upstream.hostname,
					port: this.upstream.port,
					method: req.method,
					path,
					headers
				},
				(answer) => {
					if (
						this.version > 1 &&
						path.startsWith('/service-worker.js') &&
						answer.statusCode === 200
					) {
						const chunks: Buffer[] = [];
						answer.on('data', (c: Buffer) => chunks.push(c));
						answer.on('end', () => {
							const body = `${Buffer.concat(chunks).toString('utf8')}\n// build ${this.version}\n`;
							res.writeHead(200, {
								'content-type': 'text/javascript',
								'cache-control': 'no-cache',
								'content-length': Buffer.byteLength(body)
							});
							res.end(body);
						});
						return;
					}
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				}
			);
			upstream.on('error', () => {
				res.writeHead(502);
				res.end();
			});
			req.pipe(upstream);
		});
		const server = this.server;
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const address = server.address();
		if (address && typeof address === 'object') this.port = address.port;
	}

	async stop() {
		await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
	}
}
