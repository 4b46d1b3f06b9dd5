import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LoginPage } from './pages/login';
import { Shell } from './pages/shell';
import { screen, VIEWPORTS, type ViewportName } from './support/viewports';

/**
 * Accessibility and layout on every main screen (issue 10), in English, on the phone and both
 * tablets:
 *
 * - nothing scrolls sideways: `document.scrollingElement.scrollWidth <= clientWidth`;
 * - touch targets at least 44 × 44 CSS px (see TOUCH TARGET RULE below);
 * - axe-core with the `wcag2a` and `wcag2aa` tags reports no violation.
 *
 * Screenshots of each screen and viewport go to test-results/screens (not committed).
 */

/**
 * TOUCH TARGET RULE. Checked: every element matching `button, a[href], input, select,
 * textarea, summary, [role="button"]` that is rendered (not `display: none`, not
 * `visibility: hidden`, a box larger than 1 × 1 px — 1 px boxes are visually hidden helpers
 * such as a scanner-wedge input) must have a bounding box of at least 44 px high and 44 px wide.
 * Two exceptions:
 * 1. An inline text link: an `<a>` whose computed `display` is `inline` and whose parent
 *    element is a `<p>` holding text of its own besides the link (a link inside a sentence,
 *    the WCAG 2.5.8 "inline" exception).
 * 2. A checkbox or radio inside a `<label>`: the label is the target and is measured instead.
 */
const MIN_TARGET = 44;

/**
 * TODO(i18n engineer) allow-list: problems found in files this change may not edit (owned by
 * the languages work: src/routes/+layout.svelte, SyncBar, VerdictList, ActionVerdict, lock
 * screens, pwa components, login and scan pages). Each entry names the file, the element and
 * the rule; the test passes with them and prints what it skipped, so the list stays visible.
 * Remove an entry once its file is fixed (the test then fails if the problem comes back).
 */
interface Allowed {
	file: string;
	/** axe rule id, or 'touch-target' / 'overflow'. */
	rule: string;
	/** A CSS selector (axe target) or element description the finding must contain. */
	target: string;
}
const TODO_ALLOWED: Allowed[] = [];

interface Screen {
	name: string;
	path: string;
	/** Visible once the screen has loaded its data. */
	ready: (page: Page) => ReturnType<Page['locator']>;
}

interface Finding {
	rule: string;
	target: string;
	detail: string;
}

function allowed(finding: Finding): Allowed | undefined {
	return TODO_ALLOWED.find((a) => a.rule === finding.rule && finding.target.includes(a.target));
}

async function overflow(page: Page): Promise<Finding[]> {
	const { scrollWidth, clientWidth } = await page.evaluate(() => {
		const el = document.scrollingElement ?? document.documentElement;
		return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
	});
	if (scrollWidth <= clientWidth) return [];
	// name the elements that stick out, to find the culprit
	const wide = await page.evaluate(() => {
		const limit = document.documentElement.clientWidth;
		return [...document.querySelectorAll('body *')]
			.filter((el) => el.getBoundingClientRect().right > limit + 0.5)
			.slice(0, 5)
			.map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
	});
	return [
		{
			rule: 'overflow',
			target: wide.join(' '),
			detail: `scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`
		}
	];
}

async function smallTargets(page: Page): Promise<Finding[]> {
	return page.evaluate((min) => {
		const selector = 'button, a[href], input, select, textarea, summary, [role="button"]';
		const found: { rule: string; target: string; detail: string }[] = [];
		const describe = (el: Element) => {
			const id = el.id ? `#${el.id}` : '';
			const cls = [...el.classList].map((c) => `.${c}`).join('');
			const text = (el.textContent ?? '').trim().slice(0, 40) || el.getAttribute('aria-label');
			return `${el.tagName.toLowerCase()}${id}${cls} "${text ?? ''}"`;
		};
		for (const el of document.querySelectorAll(selector)) {
			const style = getComputedStyle(el);
			if (style.display === 'none' || style.visibility === 'hidden') continue;
			let box = el.getBoundingClientRect();
			if (box.width <= 1 || box.height <= 1) continue;
			// 1. a link inside a sentence
			if (
				el.tagName === 'A' &&
				style.display === 'inline' &&
				el.parentElement?.tagName === 'P' &&
				[...el.parentElement.childNodes].some(
					(n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== ''
				)
			)
				continue;
			// 2. a checkbox or radio is measured by its label
			const type = el.getAttribute('type');
			if (el.tagName === 'INPUT' && (type === 'checkbox' || type === 'radio')) {
				const label = el.closest('label');
				if (label) box = label.getBoundingClientRect();
			}
			if (box.height < min - 0.5 || box.width < min - 0.5)
				found.push({
					rule: 'touch-target',
					target: describe(el),
					detail: `${Math.round(box.width)}×${Math.round(box.height)} px`
				});
		}
		return found;
	}, MIN_TARGET);
}

async function axe(page: Page): Promise<Finding[]> {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
	console.log(
		`axe ${page.url().replace(/^https?:\/\/[^/]+/, '')}: ${results.passes.length} rules passed, ` +
			`${results.incomplete.length} need review (${results.incomplete.map((r) => r.id).join(', ')}), ` +
			`${results.violations.length} violated`
	);
	return results.violations.flatMap((v) =>
		v.nodes.map((n) => ({
			rule: v.id,
			target: n.target.join(' '),
			detail: `${v.impact ?? ''}: ${v.help} — ${n.failureSummary ?? ''}`.replace(/\s+/g, ' ')
		}))
	);
}

/** Runs the three checks; returns the findings not on the TODO allow-list. */
async function check(page: Page, vp: ViewportName, name: string): Promise<string[]> {
	await screen(page, `a11y-${vp}-${name}`);
	const findings = [...(await overflow(page)), ...(await smallTargets(page)), ...(await axe(page))];
	const open: string[] = [];
	for (const f of findings) {
		const a = allowed(f);
		if (a) console.log(`[a11y TODO ${a.file}] ${vp} ${name}: ${f.rule} ${f.target}`);
		else open.push(`${vp} ${name}: ${f.rule} ${f.target} — ${f.detail}`);
	}
	return open;
}

const mainH1 = (page: Page) => page.locator('main h1').first();

const SCREENS: Screen[] = [
	{ name: 'scan', path: '/scan', ready: (p) => p.getByLabel(/Serial number/) },
	{ name: 'device', path: '/device/GEH0000001', ready: (p) => p.getByTestId('owner-name') },
	{ name: 'customer', path: '', ready: mainH1 },
	{ name: 'find', path: '/find', ready: mainH1 },
	{ name: 'stock', path: '/stock', ready: (p) => p.getByTestId('sticks-level') },
	{ name: 'sync', path: '/sync', ready: mainH1 },
	{ name: 'rentals', path: '/rentals', ready: (p) => p.locator('main h2').first() },
	{ name: 'reservations', path: '/reservations', ready: mainH1 },
	{ name: 'summary', path: '/summary', ready: (p) => p.getByTestId('total-services') }
];

for (const vp of Object.keys(VIEWPORTS) as ViewportName[]) {
	test(`a11y and layout, English, ${vp}: every main screen`, async ({ page }) => {
		test.setTimeout(180_000);
		await page.setViewportSize(VIEWPORTS[vp]);
		const open: string[] = [];

		await page.goto('/login');
		await expect(page.getByLabel('Username')).toBeVisible();
		open.push(...(await check(page, vp, 'login')));

		await new LoginPage(page).signIn('ge.staff');
		await new Shell(page).waitForFirstSync();

		// the customer card of the device's owner (the device page links to it; read only)
		await page.goto('/device/GEH0000001');
		const cardLink = page.getByRole('link', { name: 'Customer card' });
		await expect(cardLink).toBeVisible();
		const customerPath = await cardLink.getAttribute('href');
		expect(customerPath).toMatch(/^\/customers\/[^/]+$/);

		for (const s of SCREENS) {
			await page.goto(s.path || customerPath!);
			await expect(s.ready(page)).toBeVisible();
			await expect(page.getByText('Loading…')).toHaveCount(0);
			open.push(...(await check(page, vp, s.name)));
		}

		expect(open, open.join('\n')).toEqual([]);
	});
}
