// The home-screen icon's start_url: a shell of its own (the service worker answers /scan with
// it), whose HTML already preloads the scan screen's code beside the layout's. The shell of `/`
// names only the layout's code, so a start on /scan found out it needed the scan screen's
// chunks only after the app had started: one more round of fetching and evaluating (~0.3 s of
// the offline cold start, CPU 4×).
export const prerender = true;
