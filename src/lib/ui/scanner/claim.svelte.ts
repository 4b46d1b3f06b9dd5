/**
 * Which handler gets a handheld scanner's burst. A screen that expects a scan (the scan page, a
 * swap waiting for the replacement unit) mounts its own `ScannerWedge`, which claims scans; the
 * app-wide wedge in the layout only acts while nobody has claimed them.
 */
class ScanClaims {
	count = $state(0);
}
export const scanClaims = new ScanClaims();
