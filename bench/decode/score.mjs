/**
 * Found-and-correct: an image counts when one of the codes read from it holds exactly the
 * expected text (`N.txt`) or bytes (`N.bin`). An image with neither counts when a code of its
 * folder's format is read. On `falsepositives-*` any code read is a false positive.
 */
const encoder = new TextEncoder();

/** @type {Record<string, string[]>} */
const FOLDER_FORMATS = {
	code128: ['CODE_128'],
	datamatrix: ['DATA_MATRIX'],
	qrcode: ['QR_CODE'],
	ean13: ['EAN_13', 'UPC_A']
};

/** @param {{ raw: string, format: string }[]} decoded @param {import('./samples.mjs').Sample} sample */
export function isCorrect(decoded, sample) {
	if (sample.text !== undefined) return decoded.some((d) => d.raw === sample.text);
	if (sample.bytes) {
		const expected = sample.bytes;
		return decoded.some((d) => {
			const latin1 = Uint8Array.from(d.raw, (c) => c.charCodeAt(0) & 0xff);
			const utf8 = encoder.encode(d.raw);
			return [latin1, utf8].some(
				(b) => b.length === expected.length && b.every((v, i) => v === expected[i])
			);
		});
	}
	const formats = FOLDER_FORMATS[sample.format] ?? [];
	return decoded.some((d) => formats.includes(d.format));
}

/** Tallies per format: n, found (correct), read (anything), falsePositives, times. */
/** @typedef {{ n: number, found: number, wrong: number, falsePositives: number }} Row */
export function tally() {
	/** @type {Record<string, Row>} */
	const perFormat = {};
	/** @type {number[]} */
	const times = [];
	return {
		perFormat,
		times,
		/**
		 * @param {import('./samples.mjs').Sample} sample
		 * @param {{ raw: string, format: string }[]} decoded
		 * @param {number} ms
		 */
		add(sample, decoded, ms) {
			times.push(ms);
			const row = (perFormat[sample.format] ??= { n: 0, found: 0, wrong: 0, falsePositives: 0 });
			row.n++;
			if (sample.format === 'falsepositives') {
				if (decoded.length) row.falsePositives++;
			} else if (isCorrect(decoded, sample)) row.found++;
			else if (decoded.length) row.wrong++;
		}
	};
}
