import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { LoginPage } from './pages/login';
import { Shell } from './pages/shell';
import { kitsInWarranty, serverView, StockPage, SwapPage } from './pages/swaps';
import { signedInApi } from './pages/review';
import { VIEWPORTS } from './support/viewports';

/**
 * Accessibility and layout on every main screen (issue 10), in English and in Georgian (the
 * longest strings and another script), on the phone and both tablets, plus a phone held
 * sideways and a tablet held upright:
 *
 * - nothing scrolls sideways: `document.scrollingElement.scrollWidth <= clientWidth`;
 * - touch targets at least 44 × 44 CSS px (see TOUCH TARGET RULE below);
 * - axe-core with the `wcag2a` and `wcag2aa` tags reports no violation.
 *
 * Screenshots of each screen go to test-results/screenshots/<lang>-<viewport>-<screen>.png (not
 * committed).
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
		`axe ${page.url().replace(/^https?:\/\/[^/]+/, '')} (${await page.evaluate(() => document.documentElement.lang)}): ${results.passes.length} rules passed, ` +
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
async function check(page: Page, vp: string, name: string): Promise<string[]> {
	await page.screenshot({ path: `test-results/screenshots/${vp}-${name}.png`, fullPage: true });
	const findings = [...(await overflow(page)), ...(await smallTargets(page)), ...(await axe(page))];
	const open: string[] = [];
	for (const f of findings) {
		const a = allowed(f);
		if (a) console.log(`[a11y TODO ${a.file}] ${vp} ${name}: ${f.rule} ${f.target}`);
		else open.push(`${vp} ${name}: ${f.rule} ${f.target} — ${f.detail}`);
	}
	return open;
}

type Lang = 'en' | 'ka';

/** The words of the catalogue, so a Georgian screen is found by its Georgian label. */
const catalogue = (lang: Lang) =>
	JSON.parse(readFileSync(`messages/${lang}.json`, 'utf8')) as Record<string, unknown>;
const CATALOGUES = { en: catalogue('en'), ka: catalogue('ka') };
const word = (lang: Lang, key: string) => String(CATALOGUES[lang][key]);

/** The screen sizes: the phone and the two tablets, and each held the other way once. */
const SIZES = {
	...VIEWPORTS,
	phoneLandscape: { width: 740, height: 360 },
	tabletPortrait: { width: 768, height: 1024 }
} as const;
type Size = keyof typeof SIZES;

const RUNS: { lang: Lang; size: Size }[] = [
	...(['en', 'ka'] as const).flatMap((lang) =>
		(['phone', 'tablet', 'tabletWide'] as const).map((size) => ({ lang, size }))
	),
	// the other orientations in the language with the longest words
	{ lang: 'ka', size: 'phoneLandscape' },
	{ lang: 'ka', size: 'tabletPortrait' }
];

/** The staff member's own choice, two taps from the header; it wins over the device setting. */
async function useLanguage(page: Page, lang: Lang) {
	if (lang === 'en') return;
	await page.getByTestId('lang-button').click();
	await page.getByRole('button', { name: 'ქართული' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

const mainH1 = (page: Page) => page.locator('main h1').first();

interface Screen {
	name: string;
	path: (ids: Ids) => string;
	/** Visible once the screen has loaded its data. */
	ready: (page: Page) => ReturnType<Page['locator']>;
}
interface Ids {
	customer: string;
	receipt: string;
}

/** The main screens: one device and its owner, and the receipt of the swap made in setup. */
const SCREENS: Screen[] = [
	{ name: 'scan', path: () => '/scan', ready: (p) => p.locator('#serial') },
	{ name: 'device', path: () => '/device/GEH0000001', ready: (p) => p.getByTestId('owner-name') },
	{
		name: 'customer',
		path: (ids) => `/customers/${ids.customer}`,
		ready: (p) => p.getByTestId('customer-name')
	},
	{
		name: 'new-customer',
		path: () => '/customers/new',
		ready: (p) => p.getByTestId('new-customer')
	},
	{ name: 'find', path: () => '/find', ready: mainH1 },
	{ name: 'stock', path: () => '/stock', ready: (p) => p.getByTestId('sticks-level') },
	{ name: 'sync', path: () => '/sync', ready: mainH1 },
	{ name: 'rentals', path: () => '/rentals', ready: (p) => p.locator('main h2').first() },
	{
		name: 'rental-contract',
		path: () => '/rentals/ge-rent-late-1',
		ready: (p) => p.getByTestId('contract-signature')
	},
	{ name: 'reservations', path: () => '/reservations', ready: mainH1 },
	{
		name: 'reviews',
		path: () => '/reviews',
		ready: (p) => p.getByTestId('reviews').or(p.getByTestId('reviews-empty'))
	},
	{ name: 'summary', path: () => '/summary', ready: (p) => p.getByTestId('total-services') },
	{
		name: 'swap',
		path: () => '/device/GEH0000001/swap',
		ready: (p) => p.getByTestId('swap-claim')
	},
	{
		name: 'receipt',
		path: (ids) => `/services/${ids.receipt}/receipt`,
		ready: (p) => p.getByTestId('receipt-state')
	}
];

/**
 * Once per worker: a warranty swap, so the receipt screen has a receipt to show, and the id of
 * the customer who owns GEH0000001 — on a tablet of its own (a browser context), so the
 * checked tablet starts fresh.
 */
let ids: Ids | null = null;
async function setUp(browser: Browser, baseURL: string): Promise<Ids> {
	if (ids) return ids;
	const context = await browser.newContext({ baseURL });
	const page = await context.newPage();
	const api = await signedInApi(baseURL!, 'ge.staff');
	const { holder } = kitsInWarranty(await serverView(api), 1)[0]!;
	const replacement = `GEA11YH${Date.now() % 100000}`;
	await new LoginPage(page).signIn('ge.staff');
	await new Shell(page).waitForFirstSync();
	const models: Record<string, string> = {
		iluma: 'ILUMA',
		'iluma-prime': 'ILUMA PRIME',
		'iqos-3-duo': 'IQOS 3 DUO'
	};
	await new StockPage(page).open();
	await new StockPage(page).receive(models[holder.modelId]!, 'holder', replacement);
	const swap = new SwapPage(page);
	await swap.open(holder.serial);
	await swap.fillClaim();
	await swap.answerChecklist();
	await swap.markFaulty(holder.serial);
	await swap.typeReplacement(replacement);
	await expect(swap.verdict).toHaveAttribute('data-allowed', 'true');
	await swap.confirm.click();
	await expect(page).toHaveURL(/\/services\/[0-9a-f-]+\/receipt$/);
	await expect(page.getByTestId('receipt-state')).toHaveText('Recorded', { timeout: 30_000 });
	const receipt = page.url().match(/\/services\/([0-9a-f-]+)\/receipt$/)![1]!;

	// the customer card of the device's owner (the device page links to it)
	await page.goto('/device/GEH0000001');
	const cardLink = page.getByRole('link', { name: 'Customer card' });
	await expect(cardLink).toBeVisible();
	const customer = (await cardLink.getAttribute('href'))!.replace('/customers/', '');
	ids = { customer, receipt };
	await context.close();
	return ids;
}

for (const { lang, size } of RUNS) {
	test(`a11y and layout, ${lang}, ${size}: every main screen`, async ({
		browser,
		page,
		baseURL
	}) => {
		test.setTimeout(300_000);
		const ids = await setUp(browser, baseURL!);
		await page.setViewportSize(SIZES[size]);
		const vp = `${lang}-${size}`;
		const open: string[] = [];

		// the sign-in screen, in the language this tablet is set to
		await page.goto('/login');
		await page.evaluate((value) => localStorage.setItem('carepoint:lang', value), lang);
		await page.reload();
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expect(page.getByLabel(word(lang, 'login_username'))).toBeVisible();
		open.push(...(await check(page, vp, 'login')));

		// a supervisor sees every screen, the review queue included
		await new LoginPage(page).signIn('ge.supervisor');
		await new Shell(page).waitForFirstSync();
		await useLanguage(page, lang);

		for (const s of SCREENS) {
			await page.goto(s.path(ids));
			await expect(s.ready(page)).toBeVisible({ timeout: 30_000 });
			await expect(page.getByText(word(lang, 'common_loading'))).toHaveCount(0);
			await expect(page.getByText(word(lang, 'common_lookingUp'))).toHaveCount(0);
			open.push(...(await check(page, vp, s.name)));
		}

		expect(open, open.join('\n')).toEqual([]);
	});
}

/** Pages in a PDF made by Chromium (each page object is `/Type /Page`). */
function pdfPages(pdf: Buffer): number {
	return pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

for (const lang of ['en', 'ka'] as const) {
	test(`print, ${lang}: swap receipt and rental contract on one page, A4 and 80 mm`, async ({
		browser,
		page,
		baseURL
	}) => {
		test.setTimeout(180_000);
		const ids = await setUp(browser, baseURL!);
		await page.setViewportSize(VIEWPORTS.tablet);
		await new LoginPage(page).signIn('ge.staff');
		await new Shell(page).waitForFirstSync();
		await useLanguage(page, lang);
		const pages: Record<string, number> = {};

		await page.goto(`/services/${ids.receipt}/receipt`);
		await expect(page.getByTestId('receipt-state')).toHaveText(word(lang, 'receipt_recorded'), {
			timeout: 30_000
		});
		pages['receipt A4'] = pdfPages(await page.pdf({ format: 'A4', printBackground: true }));
		pages['receipt 80 mm'] = pdfPages(await page.pdf({ width: '80mm', printBackground: true }));
		await page.emulateMedia({ media: 'print' });
		await page.screenshot({ path: `test-results/screenshots/${lang}-print-receipt.png` });
		await page.emulateMedia({ media: null });

		// a seeded GE rental with its contract and the signature drawn at the counter (RNT-5)
		await page.goto('/rentals/ge-rent-late-1');
		await expect(page.getByTestId('contract-signature')).toBeVisible();
		pages['contract A4'] = pdfPages(await page.pdf({ format: 'A4', printBackground: true }));
		// the button chooses the 80 mm layout and opens the browser's print dialog; Chromium's own
		// PDF stands in for the dialog, so the dialog is not opened (it would race with page.pdf)
		await page.evaluate(() => {
			window.print = () => undefined;
		});
		await page.getByRole('button', { name: word(lang, 'contract_print80') }).click();
		await expect(page.getByTestId('contract')).toHaveClass(/narrow/);
		pages['contract 80 mm'] = pdfPages(await page.pdf({ width: '80mm', printBackground: true }));
		await page.emulateMedia({ media: 'print' });
		await page.screenshot({ path: `test-results/screenshots/${lang}-print-contract-80mm.png` });

		console.log(`PDF pages (${lang}): ${JSON.stringify(pages)}`);
		expect(pages).toEqual({
			'receipt A4': 1,
			'receipt 80 mm': 1,
			'contract A4': 1,
			'contract 80 mm': 1
		});
	});
}
