import type { Page } from '@playwright/test';

/** The screens carepoint runs on: a phone and the two tablet sizes (issue 6, issue 10). */
export const VIEWPORTS = {
	phone: { width: 360, height: 740 },
	tablet: { width: 1024, height: 768 },
	tabletWide: { width: 1280, height: 800 }
} as const;

export type ViewportName = keyof typeof VIEWPORTS;

/** The flows are tested on a phone and a tablet. */
export const FLOW_VIEWPORTS: ViewportName[] = ['phone', 'tablet'];

/** Saves a screenshot for a person to look at (test-results/screens, not committed). */
export async function screen(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}
