/**
 * Headers every response of ours carries (docs/security.md, "Web hardening"). Plain JavaScript,
 * so both SvelteKit's hooks (dynamic pages, API) and `scripts/serve.js` (the server in front of
 * adapter-node, which serves the prerendered shell and static files without hooks) use it.
 */
export const SECURITY_HEADERS = Object.freeze({
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'same-origin',
	'X-Frame-Options': 'DENY',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()'
});
