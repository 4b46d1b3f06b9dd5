/** Median and 95th percentile of a list of samples (nearest-rank). */
export function summarize(samples) {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
	return { median: at(0.5), p95: at(0.95), min: sorted[0], max: sorted.at(-1), n: sorted.length };
}

export function report(row) {
	console.log(`BENCH ${JSON.stringify(row)}`);
}
