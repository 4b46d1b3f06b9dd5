/**
 * `node bench/scale/cpuprofile.mjs <file.cpuprofile> [top]`: where a `--cpu-prof` profile of the
 * server spent its time — self time by function and by package or app file, and total time
 * (self + callees) of the app's own functions. Profile the server under load with
 * `BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/.out/prof" npm run bench server`.
 */
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++)
	self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
const totalUs = [...self.values()].reduce((a, b) => a + b, 0);

const where = (url) => {
	if (!url) return '(native)';
	const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (m) return m[1];
	const b = /build\/server\/(.*)$/.exec(url);
	return b ? `app:${b[1]}` : url.replace(/^.*\//, '');
};
const fn = (n) =>
	`${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
const byFn = new Map();
const byModule = new Map();
for (const [id, us] of self) {
	const n = byId.get(id);
	add(byFn, fn(n), us);
	add(byModule, n.callFrame.url ? where(n.callFrame.url) : n.callFrame.functionName, us);
}
// inclusive time per function (counted once per stack)
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map();
for (const [id, us] of self) {
	const seen = new Set();
	for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
		const k = fn(byId.get(cur));
		if (!seen.has(k)) add(inclusive, k, us);
		seen.add(k);
	}
}
const pct = (us) => `${((100 * us) / totalUs).toFixed(1).padStart(5)} %`;
const show = (title, m, filter = () => true) => {
	console.log(`\n${title}`);
	for (const [k, us] of [...m]
		.filter(([k]) => filter(k))
		.sort((a, b) => b[1] - a[1])
		.slice(0, top))
		console.log(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
};
console.log(`${file}: ${(totalUs / 1e6).toFixed(1)} s sampled`);
show('self time by package / file', byModule);
show('self time by function', byFn);
show('total time, app and driver functions', inclusive, (k) =>
	/app:|drizzle|postgres |zod/.test(k)
);
