import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The dependency direction is law:
 *   lib/domain  <-  lib/db (Dexie) | lib/server (SQL)  <-  lib/sync  <-  UI (lib/ui, routes)
 * Each layer lists what it must never import.
 */
const layer = (files, forbidden) => ({
	files,
	rules: {
		'no-restricted-imports': [
			'error',
			{
				patterns: forbidden.map(([group, message]) => ({ group, message }))
			}
		]
	}
});

const UI = [
	['$lib/ui', '$lib/ui/*', '**/routes/**'],
	'UI code may not be imported by lower layers'
];
const SYNC = [['$lib/sync', '$lib/sync/*'], 'lib/sync sits above this layer'];
const DB = [['$lib/db', '$lib/db/*', 'dexie'], 'the Dexie replica belongs to the client layers'];
const SERVER = [['$lib/server', '$lib/server/*'], 'server code never reaches the client'];
const SVELTE = [['svelte', 'svelte/*', '$app/*'], 'domain code is framework-free'];
const SQL = [
	['drizzle-orm', 'drizzle-orm/*', 'postgres', '@electric-sql/*'],
	'SQL lives in lib/server'
];

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'dist/',
			'data/',
			'drizzle/',
			'test-results/',
			'playwright-report/',
			'bench/.out/',
			'src/lib/paraglide/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	layer(['src/lib/domain/**'], [UI, SYNC, DB, SERVER, SVELTE, SQL]),
	layer(['src/lib/db/**'], [UI, SYNC, SERVER, SQL]),
	layer(['src/lib/server/**'], [UI, SYNC, DB]),
	layer(['src/lib/sync/**'], [UI, SERVER, SQL]),
	layer(
		[
			'src/lib/ui/**',
			'src/routes/**/*.svelte',
			'src/routes/**/+page.ts',
			'src/routes/**/+layout.ts'
		],
		[SERVER, SQL]
	)
);
