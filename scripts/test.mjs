/**
 * `npm test`: installs what is missing (dependencies, Debian's Chromium), type-checks, runs the
 * unit tests, checks the engine against the PyTorch reference files, builds the site and runs the
 * browser tests against it. Ends with one line, `tests: N passed, M failed`, over every suite.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { chromiumPath, ensureChromium, ensureDependencies, run } from './ensure.mjs';

ensureDependencies();
ensureChromium();

const node = process.execPath;
const bin = (path) => [node, path];
let passed = 0;
let failed = 0;
const problems = [];

function stage(name, [command, ...args], env = {}) {
	console.log(`\n▶ ${name}`);
	const status = run(command, args, { env: { ...process.env, ...env } });
	if (status !== 0) problems.push(name);
	return status;
}

function readJson(path) {
	try {
		return JSON.parse(readFileSync(path, 'utf8'));
	} catch {
		return null;
	}
}

mkdirSync('test-results', { recursive: true });

stage('Type-check (svelte-check)', [...bin('node_modules/@sveltejs/kit/svelte-kit.js'), 'sync']);
stage('Type-check (svelte-check)', [
	...bin('node_modules/svelte-check/bin/svelte-check'),
	'--tsconfig',
	'./tsconfig.json',
	'--threshold',
	'error',
	'--output',
	'human'
]);

const unitReport = 'test-results/unit.json';
rmSync(unitReport, { force: true });
stage('Unit tests (Vitest)', [
	...bin('node_modules/vitest/vitest.mjs'),
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${unitReport}`
]);
const unit = readJson(unitReport);
if (unit) {
	passed += unit.numPassedTests;
	failed += unit.numFailedTests;
} else {
	failed += 1;
	problems.push('Unit tests produced no report');
}

// The reference files: the copy in the repo, and the shared one when the checkout has it beside.
for (const file of ['tests/reference/cases.json', 'tests/reference/one-column.json', '../shared/reference/cases.json']) {
	if (!existsSync(file)) continue;
	const status = stage(`Engine vs PyTorch reference (${file})`, [
		...bin('node_modules/tsx/dist/cli.mjs'),
		'scripts/check-reference.ts',
		file
	]);
	if (status === 0) passed += 1;
	else failed += 1;
}

if (stage('Build', [...bin('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']) === 0) {
	const e2eReport = 'test-results/e2e.json';
	rmSync(e2eReport, { force: true });
	stage('Browser tests (Playwright)', [...bin('node_modules/@playwright/test/cli.js'), 'test'], {
		CHROMIUM_PATH: chromiumPath(),
		PLAYWRIGHT_JSON_OUTPUT_FILE: e2eReport
	});
	const e2e = readJson(e2eReport);
	if (e2e) {
		passed += e2e.stats.expected + e2e.stats.flaky;
		failed += e2e.stats.unexpected;
	} else {
		failed += 1;
		problems.push('Browser tests produced no report');
	}
} else {
	failed += 1;
}

if (problems.length) console.log(`\nProblems: ${[...new Set(problems)].join('; ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
