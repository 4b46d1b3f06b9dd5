/**
 * `npm run bench:decode`: every image of ../shared/barcode-samples (beside the repo), for every
 * engine that runs here — zxing-wasm and @zxing/library in Node on pixels decoded once per image
 * (outside the timing), the native BarcodeDetector in headless Chromium when it has one.
 * Per engine: found-and-correct per format, wrong reads, false positives on falsepositives-*,
 * median and p95 ms per image. Prints a Markdown table and `BENCH {json}` rows for bench/run.mjs.
 */
import { summarize, report } from './stats.mjs';
import { listSamples, SAMPLES_DIR, FORMATS } from './decode/samples.mjs';
import { loadPixels } from './decode/pixels.mjs';
import { nodeEngines } from './decode/engines.mjs';
import { openNative } from './decode/native.mjs';
import { tally } from './decode/score.mjs';

const samples = listSamples();
if (samples.length === 0) {
	console.log(`no samples at ${SAMPLES_DIR}: nothing to measure`);
	process.exit(0);
}
const pixels = await Promise.all(samples.map((s) => loadPixels(s.path)));
const codes = samples.filter((s) => s.format !== 'falsepositives').length;
console.log(`${samples.length} images (${codes} with codes) from ${SAMPLES_DIR}`);

const results = [];
for (const engine of await nodeEngines()) {
	// one warm-up pass over a few images (wasm compile, JIT), not counted
	for (const px of pixels.slice(0, 5)) await engine.decode(px);
	const t = tally();
	for (let i = 0; i < samples.length; i++) {
		const t0 = performance.now();
		const decoded = await engine.decode(pixels[i]);
		t.add(samples[i], decoded, performance.now() - t0);
	}
	results.push({ name: engine.name, note: engine.note, ...t });
}

const native = await openNative(SAMPLES_DIR);
if (native.available) {
	const t = tally();
	for (const { sample, decoded, ms } of await native.run(samples)) t.add(sample, decoded, ms);
	results.push({ name: 'BarcodeDetector', note: native.formats.join(','), ...t });
	await native.close();
} else {
	console.log(`BarcodeDetector: not measured (${native.reason})`);
}

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(0)}%` : '–');
const formats = FORMATS.filter((f) => f !== 'falsepositives');
console.log(
	`\n| engine | ${formats.join(' | ')} | all found | wrong | false positives | median ms | p95 ms |`
);
console.log(`| --- | ${formats.map(() => '---').join(' | ')} | --- | --- | --- | --- | --- |`);
for (const r of results) {
	const found = formats.reduce((a, f) => a + (r.perFormat[f]?.found ?? 0), 0);
	const wrong = formats.reduce((a, f) => a + (r.perFormat[f]?.wrong ?? 0), 0);
	const fp = r.perFormat.falsepositives ?? { n: 0, falsePositives: 0 };
	const s = summarize(r.times);
	const cells = formats.map((f) => {
		const row = r.perFormat[f] ?? { n: 0, found: 0 };
		return `${row.found}/${row.n} (${pct(row.found, row.n)})`;
	});
	console.log(
		`| ${r.name} | ${cells.join(' | ')} | ${found}/${codes} (${pct(found, codes)}) | ${wrong} | ${fp.falsePositives}/${fp.n} | ${s.median.toFixed(2)} | ${s.p95.toFixed(2)} |`
	);
	report({
		name: 'decode',
		what: `${r.name}: ms/image; found ${found}/${codes} (${pct(found, codes)}), ${fp.falsePositives} false pos.`,
		size: samples.length,
		median: s.median,
		p95: s.p95,
		unit: 'ms',
		...(r.name === 'zxing-wasm' ? { goal: '>80% found, median <5 ms, 0 FP' } : {}),
		note: r.note
	});
}
