// The whole UI renders in the browser from IndexedDB: the server only serves the shell and the
// API, so a cached shell starts the app with no network.
export const ssr = false;
