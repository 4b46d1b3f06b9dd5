/**
 * `npm run bench [name…]`: runs every `bench/*.bench.mjs` (or the named ones) one after another
 * and prints one table. Each benchmark is its own script and prints its results as lines
 * `BENCH {"name","what","size","median","p95","unit","goal"?,"note"?}`; anything else it prints is
 * passed through. Speed goals live here and in docs/benchmarks.md, never in tests.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const scripts = readdirSync(here)
	.filter((f) => f.endsWith('.bench.mjs'))
	.filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
	.sort();

const rows = [];
let failed = 0;
for (const script of scripts) {
	console.log(`\n▶ ${script}`);
	const run = spawnSync(process.execPath, [join(here, script)], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		maxBuffer: 64 * 1024 * 1024
	});
	for (const line of run.stdout.split('\n')) {
		if (line.startsWith('BENCH ')) rows.push({ script, ...JSON.parse(line.slice(6)) });
		else if (line.trim()) console.log(`  ${line}`);
	}
	if (run.status !== 0) {
		failed++;
		console.error(`✖ ${script} exited with ${run.status}`);
	}
}

const fmt = (v) => (typeof v === 'number' ? (v >= 100 ? v.toFixed(0) : v.toFixed(2)) : (v ?? ''));
console.log('\n| benchmark | what | size | median | p95 | unit | goal |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows)
	console.log(
		`| ${r.name} | ${r.what} | ${r.size ?? ''} | ${fmt(r.median)} | ${fmt(r.p95)} | ${r.unit ?? ''} | ${r.goal ?? ''} |`
	);
process.exit(failed ? 1 : 0);
