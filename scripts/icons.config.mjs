import { defineConfig } from '@vite-pwa/assets-generator/config';

/**
 * `npm run icons`: every app icon from the one source image static/icon.svg, with
 * @vite-pwa/assets-generator (sharp's prebuilt binary, no install script). The maskable icons
 * pad the mark inside the safe zone on the brand colour; the apple-touch-icon is opaque.
 */
export default defineConfig({
	headLinkOptions: { preset: '2023' },
	preset: {
		transparent: {
			sizes: [64, 192, 512],
			favicons: [[48, 'favicon.ico']]
		},
		maskable: {
			sizes: [192, 512],
			padding: 0.3,
			resizeOptions: { background: '#0f3d3e' }
		},
		apple: {
			sizes: [180],
			padding: 0.3,
			resizeOptions: { background: '#0f3d3e' }
		}
	},
	images: ['static/icon.svg']
});
