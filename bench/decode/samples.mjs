/**
 * The barcode sample set (`../shared/barcode-samples`, beside the repo): every image of every
 * folder, with its expected text (`N.txt`) or bytes (`N.bin`) when there is one. File names may
 * hold `#`: they are read as paths, never as URLs, so nothing is skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const IMAGE = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif']);

/** The sample folder: `$BARCODE_SAMPLES`, or `../shared/barcode-samples` from the repo root. */
export const SAMPLES_DIR = resolve(
	process.env.BARCODE_SAMPLES ??
		join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'barcode-samples')
);

/** Folder prefix → the format the folder tests (`falsepositives` holds none of ours). */
export const FORMATS = ['code128', 'datamatrix', 'qrcode', 'ean13', 'falsepositives'];

/**
 * @typedef {{ folder: string, format: string, file: string, path: string,
 *   text?: string, bytes?: Uint8Array }} Sample
 * @returns {Sample[]}
 */
export function listSamples(dir = SAMPLES_DIR) {
	if (!existsSync(dir)) return [];
	const samples = [];
	for (const folder of readdirSync(dir).sort()) {
		const format = FORMATS.find((f) => folder.startsWith(`${f}-`));
		if (!format) continue;
		for (const file of readdirSync(join(dir, folder)).sort()) {
			const ext = extname(file).toLowerCase();
			if (!IMAGE.has(ext)) continue;
			const base = join(dir, folder, file.slice(0, -ext.length));
			/** @type {Sample} */
			const sample = { folder, format, file, path: join(dir, folder, file) };
			if (existsSync(`${base}.txt`)) sample.text = readFileSync(`${base}.txt`, 'utf8');
			else if (existsSync(`${base}.bin`))
				sample.bytes = new Uint8Array(readFileSync(`${base}.bin`));
			samples.push(sample);
		}
	}
	return samples;
}
