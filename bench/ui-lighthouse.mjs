/**
 * `npm run bench:ui -- --lighthouse`: Lighthouse's mobile run (its default: a mid-range phone,
 * 4× CPU slowdown, slow 4G simulated) of a few pages, with Debian's Chromium. Lighthouse is pinned
 * and installed on first use into bench/peers/lighthouse/node_modules (git-ignored), like the
 * engine benchmark's peers; it is not a dependency of the site.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../scripts/serve.mjs';

const VERSION = '12.2.3';
const dir = 'bench/peers/lighthouse';
const cli = join(dir, 'node_modules/lighthouse/cli/index.js');

function install() {
	const pkg = join(dir, 'node_modules/lighthouse/package.json');
	if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).version === VERSION) return true;
	console.log(`Installing lighthouse@${VERSION} into ${dir} (first run only)…`);
	const status = spawnSync(
		'npm',
		['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--omit=optional', '--ignore-scripts', `lighthouse@${VERSION}`],
		{ stdio: 'inherit', env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' } }
	).status;
	return status === 0 && existsSync(pkg);
}

/** Runs node with `args`; resolves with its exit status and stderr (status null when it timed out). */
function runNode(args, env, timeoutMs) {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			resolve({ status: null, stderr: '', error });
		});
		child.on('close', (status) => {
			clearTimeout(timer);
			resolve({ status, stderr: status === null ? `timed out after ${timeoutMs / 1000} s` : stderr });
		});
	});
}

/** Runs Lighthouse on every path; returns the four category scores per page (0–100) and lines to print. */
export async function lighthouse(paths, chromiumPath) {
	mkdirSync(dir, { recursive: true });
	if (!install()) return { results: null, lines: ['lighthouse could not be installed; see the messages above'] };
	const server = await serve({ port: 0 });
	const base = `http://127.0.0.1:${server.address().port}`;
	const results = [];
	const lines = [];
	try {
		for (const path of paths) {
			const out = join('bench/results', `lighthouse${path.replace(/\//g, '_') || '_index'}.json`);
			mkdirSync('bench/results', { recursive: true });
			// Asynchronous on purpose: the server answering Lighthouse runs in this process, and a
			// synchronous spawn would stop it from serving until Lighthouse gave up.
			const run = await runNode(
				[
					cli,
					base + path,
					'--quiet',
					'--output=json',
					`--output-path=${out}`,
					'--only-categories=performance,accessibility,best-practices,seo',
					'--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage'
				],
				{ ...process.env, CHROME_PATH: chromiumPath },
				300_000
			);
			if (run.status !== 0 || !existsSync(out)) {
				const reason = (run.stderr || run.error?.message || 'failed').trim().split('\n').at(-1);
				results.push({ path, error: reason });
				lines.push(`  ${path}: error: ${reason}`);
				continue;
			}
			const report = JSON.parse(readFileSync(out, 'utf8'));
			const score = (id) => Math.round((report.categories[id]?.score ?? 0) * 100);
			const audit = (id) => report.audits[id]?.displayValue ?? '';
			const entry = {
				path,
				performance: score('performance'),
				accessibility: score('accessibility'),
				bestPractices: score('best-practices'),
				seo: score('seo'),
				fcp: audit('first-contentful-paint'),
				lcp: audit('largest-contentful-paint'),
				tbt: audit('total-blocking-time'),
				cls: audit('cumulative-layout-shift')
			};
			results.push(entry);
			lines.push(
				`  ${path}: performance ${entry.performance}, accessibility ${entry.accessibility}, best practices ${entry.bestPractices}, SEO ${entry.seo} · FCP ${entry.fcp}, LCP ${entry.lcp}, TBT ${entry.tbt}, CLS ${entry.cls}`
			);
		}
	} finally {
		server.close();
	}
	return { results, lines };
}
