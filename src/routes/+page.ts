// prerendered once: the service worker serves this shell for every navigation
export const prerender = true;
