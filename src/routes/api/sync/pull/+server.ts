import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { PullQuery } from '$lib/domain';
import { badRequest, endpoint, requireStaff } from '$lib/server/http';
import { database } from '$lib/server/runtime';
import { pull } from '$lib/server/sync/pull';
import type { RequestHandler } from './$types';

const gzipAsync = promisify(gzip);

/** Answers below this size go uncompressed: gzip would save less than it costs. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * The pull answer, gzip-compressed when the client accepts it (every browser does, and
 * decompresses transparently). adapter-node compresses only static files, and a first sync of a
 * large market is megabytes of JSON that gzip shrinks about ten times.
 */
export const GET: RequestHandler = endpoint(async ({ locals, url, request }) => {
	const staff = requireStaff(locals);
	if (staff instanceof Response) return staff;
	const query = PullQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success)
		return badRequest('Expected ?clientGroupId=<uuid>&cookie=<n>[&limit=<n>][&cursor=<cursor>].');
	const { db } = await database();
	const body = JSON.stringify(await pull(db, staff, query.data, new Date()));
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		'cache-control': 'no-store',
		vary: 'accept-encoding'
	};
	const accepts = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
	if (!accepts || body.length < COMPRESS_FROM_BYTES) return new Response(body, { headers });
	// level 6 (zlib's default): within a few % of 9 on JSON at a third of the time
	const compressed = await gzipAsync(body, { level: 6 });
	return new Response(new Uint8Array(compressed), {
		headers: { ...headers, 'content-encoding': 'gzip' }
	});
});
