/**
 * `npm run bench:ui`: how the built site treats the reader's main thread. A benchmark, not a test:
 * its figures depend on the machine and on whatever else runs on it. See bench/README.md.
 *
 *   npm run bench:ui [-- --only NAME,NAME] [--seconds 5] [--no-throttle | --rates 1,4] [--no-train] [--build]
 *                    [--json FILE] [--lighthouse] [--profile] [--load-trace] [--trace-dir DIR] [--mobile] [/path …]
 *
 * --trace-dir DIR writes each training window's Chromium trace there, for DevTools or Perfetto.
 *
 * --profile adds V8's CPU profiler to the trace and prints, per training run, the functions and
 * component files that take the time inside main-thread tasks over 50 ms (bench/ui-profile.mjs;
 * build with `npx vite build --sourcemap` to see `src/` names rather than minified ones).
 *
 * Paths given on the command line are measured instead of the built-in list (first load only,
 * unless they match a training scenario's URL).
 */
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromiumPath as defaultChromium, ensureChromium } from '../scripts/ensure.mjs';
import { serve } from '../scripts/serve.mjs';
import { trainingScenarios } from './ui-scenarios.mjs';
import { lighthouse } from './ui-lighthouse.mjs';
import { mainThreadCpu, profileCategories, profileLines, profileLongTasks } from './ui-profile.mjs';

const args = process.argv.slice(2);
const option = (name) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const flag = (name) => args.includes(name);
if (flag('--help')) {
	console.log('npm run bench:ui -- [--only NAME,NAME] [--seconds 5] [--no-throttle | --rates 1,4] [--no-train] [--repeat N] [--build] [--json FILE] [--lighthouse] [--profile] [--load-trace] [--trace-dir DIR] [--mobile] [/path …]');
	process.exit(0);
}
const seconds = Number(option('--seconds') ?? 5);
const only = option('--only')?.split(',').map((s) => s.trim().toLowerCase());
// Each training row is measured N times and the run with the median busy share is shown (with
// the range): one 5 s window on a shared 2-core machine can differ from the next by 10 points.
const repeat = Math.max(1, Math.floor(Number(option('--repeat') ?? 1)) || 1);
const rates = flag('--no-throttle') ? [1] : (option('--rates')?.split(',').map(Number) ?? [1, 4]);
const jsonFile = option('--json') ?? 'bench/results/ui.json';
const tableFile = jsonFile.replace(/\.json$/, '') + '.txt';
const profiling = flag('--profile');
const traceDir = option('--trace-dir');
const chromiumPath = defaultChromium();

// --- build (the page list reads build/embed) ---

if (flag('--build') || !existsSync('build/index.html')) {
	console.log('Building the site (vite build)…');
	const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (built.status !== 0) process.exit(built.status ?? 1);
}

// --- what to measure --------------------------------------------------------------------------

function lessonSlugs() {
	return readdirSync('lessons')
		.filter((f) => f.endsWith('.md'))
		.map((f) => f.replace(/\.md$/, ''))
		.sort();
}

/** Every widget's embed page, bare (first load), as the build wrote them (read after building). */
function embedNames() {
	return readdirSync('build/embed')
		.filter((f) => f.endsWith('.html'))
		.map((f) => f.replace(/\.html$/, ''))
		.sort();
}

/** @type {{ name: string; url: string; start?: string; trains: boolean; prepare?: Function; during?: Function }[]} */
let scenarios;
const paths = args.filter((a, i) => a.startsWith('/') && !['--only', '--seconds', '--json', '--rates', '--trace-dir', '--repeat'].includes(args[i - 1]));
if (paths.length) {
	scenarios = paths.map((url) => {
		const known = trainingScenarios.find((s) => s.url === url);
		return known ? { ...known, trains: true } : { name: url, url, trains: false };
	});
} else {
	scenarios = [
		{ name: 'index', url: '/', trains: false },
		...lessonSlugs().map((slug) => ({ name: `lesson ${slug}`, url: `/lessons/${slug}`, trains: false })),
		...['widgets', 'lab', 'notation', 'backup'].map((page) => ({ name: page, url: `/${page}`, trains: false })),
		...embedNames().map((name) => ({ name: `embed ${name}`, url: `/embed/${name}`, trains: false })),
		...trainingScenarios.map((s) => ({ ...s, trains: true }))
	];
}
if (only) scenarios = scenarios.filter((s) => only.some((o) => s.name.toLowerCase().includes(o)));
if (flag('--no-train')) scenarios = scenarios.map((s) => ({ ...s, trains: false }));
if (!scenarios.length) {
	console.error('No scenario matches --only.');
	process.exit(1);
}

// --- build, server, browser ---------------------------------------------------------------------

ensureChromium();
const server = await serve({ port: 0 });
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
	executablePath: chromiumPath,
	args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
});

// Records, from before the page's first script: long tasks, and messages from workers.
function instrument() {
	const bench = { longTasks: [], progress: [], done: [], workers: [] };
	Object.defineProperty(window, '__bench', { value: bench });
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
	}).observe({ type: 'longtask' });
	const Native = window.Worker;
	window.Worker = new Proxy(Native, {
		construct(target, args, newTarget) {
			const worker = Reflect.construct(target, args, newTarget);
			bench.workers.push(String(args[0]));
			worker.addEventListener('message', (event) => {
				const type = event.data?.type;
				if (type === 'progress') bench.progress.push(performance.now());
				if (type === 'done' || type === 'error') bench.done.push(performance.now());
			});
			return worker;
		}
	});
}

const metric = (metrics, name) => metrics.find((m) => m.name === name)?.value ?? 0;

// --mobile: Lighthouse's mobile screen (its "moto g power"), so layout and paint cost what they cost there.
const screen = flag('--mobile') ? { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 900 } };

async function openPage(rate) {
	const context = await browser.newContext(screen);
	const page = await context.newPage();
	await page.addInitScript(instrument);
	const cdp = await context.newCDPSession(page);
	await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
	if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
	return { context, page, cdp };
}

/** Scrolls down until `selector` exists (widgets further down may load only when near). */
async function find(page, selector) {
	for (let i = 0; i < 60; i++) {
		if ((await page.locator(selector).count()) > 0) return page.locator(selector).first();
		await page.evaluate(() => window.scrollBy(0, window.innerHeight * 0.8));
		await page.waitForTimeout(250);
	}
	throw new Error(`${selector} never appeared`);
}

const scripts = (requests) => {
	let raw = 0;
	let gzip = 0;
	for (const path of requests) {
		const file = join('build', path);
		if (!existsSync(file)) continue;
		const bytes = readFileSync(file);
		raw += bytes.length;
		gzip += gzipSync(bytes, { level: 9 }).length;
	}
	return { scripts: requests.size, rawKB: +(raw / 1024).toFixed(1), gzipKB: +(gzip / 1024).toFixed(1) };
};

async function measure(scenario, rate, attempt = 0) {
	const { context, page, cdp } = await openPage(rate);
	const errors = [];
	page.on('pageerror', (e) => errors.push(e.message));
	const requested = new Set();
	const network = { inflight: 0, last: Date.now() };
	const settled = () => {
		network.inflight--;
		network.last = Date.now();
	};
	page.on('request', (request) => {
		network.inflight++;
		network.last = Date.now();
		if (request.resourceType() === 'script') requested.add(new URL(request.url()).pathname);
	});
	page.on('requestfinished', settled);
	page.on('requestfailed', settled);
	try {
		// With --profile or --load-trace the load is traced too, from before navigation: what
		// Lighthouse's TBT counts (thread time, so a busy machine inflates it less than wall time).
		const loadTrace = profiling || flag('--load-trace') ? await startTrace(cdp) : null;
		const t0 = Date.now();
		await page.goto(base + scenario.url, { waitUntil: 'load', timeout: 120_000 });
		await page.waitForFunction(() => document.body.dataset.hydrated === 'true', null, { timeout: 120_000 });
		const hydratedMs = Date.now() - t0;
		// Quiet for 2 s, frames included: what starts after hydration (the gallery's previews,
		// a widget in view) counts, and networkidle can come before it has begun.
		for (const until = Date.now() + 60_000; Date.now() < until; ) {
			if (network.inflight <= 0 && Date.now() - network.last >= 2000) break;
			await page.waitForTimeout(100);
		}
		const loaded = await cdp.send('Performance.getMetrics');
		let loadCpu;
		if (loadTrace) {
			const events = await loadTrace.stop();
			const cpu = mainThreadCpu(events);
			if (cpu.key) {
				loadCpu = { ms: Math.round(cpu.ms), over50: cpu.over50, worstMs: Math.round(cpu.worstMs), blockingMs: Math.round(cpu.blockingMs) };
				console.log(`  load ${scenario.name} at ${rate}×: main thread ${Math.round(cpu.ms)} ms thread time; ${cpu.over50} task(s) over 50 ms, the longest ${Math.round(cpu.worstMs)} ms; blocking (sum of task − 50 ms) ${Math.round(cpu.blockingMs)} ms`);
				if (profiling) console.log(profileLines(`load ${scenario.name}`, rate, profileLongTasks(events, cpu.key)).join('\n'));
			}
		}
		const result = {
			rate,
			hydratedMs,
			firstLoad: rate === 1 ? scripts(requested) : undefined,
			load: {
				...(loadCpu ? { thread: loadCpu } : {}),
				mainThreadSeconds: +metric(loaded.metrics, 'TaskDuration').toFixed(2),
				...longTaskSummary(await page.evaluate(() => window.__bench.longTasks))
			}
		};
		if (!scenario.trains) return result;

		if (scenario.start) await (await find(page, scenario.start)).click();
		// The window opens once the worker reports progress, so set-up is not what is measured.
		await page.waitForFunction(() => window.__bench.progress.length > 0, null, { timeout: 60_000, polling: 100 });
		// Playwright compiles its injected script in the page at its first locator: a task of
		// 80-120 ms thread time at 4x that is the tool's, not the page's, so it runs before the window.
		if (scenario.during) await page.locator('body').count();
		if (scenario.prepare) await scenario.prepare(page);
		const trace = await startTrace(cdp);
		// Starting V8's profiler stops the page for a moment (it lists all code): not the page's cost.
		if (profiling) await page.waitForTimeout(1500);
		const from = await page.evaluate(() => performance.now());
		const before = await cdp.send('Performance.getMetrics');
		const window_ = seconds * 1000;
		await Promise.all([page.waitForTimeout(window_), scenario.during ? withTimeout(scenario.during(page), window_) : null]);
		const after = await cdp.send('Performance.getMetrics');
		// The window's end on the page's clock, before stopping the trace (which takes a while): a
		// run that ends after the window must not count as ended inside it.
		const to = await page.evaluate(() => performance.now());
		const events = await trace.stop();
		if (traceDir) {
			mkdirSync(traceDir, { recursive: true });
			const file = join(traceDir, `${scenario.name.replace(/[^a-z0-9]+/gi, '-')}-${rate}x${repeat > 1 ? `-${attempt + 1}` : ''}.json`);
			writeFileSync(file, JSON.stringify({ traceEvents: events }));
			console.log(`  trace of the window: ${file} (open in Chrome DevTools' Performance panel or ui.perfetto.dev)`);
		}
		// Performance.getMetrics' Timestamp (s) and trace events (µs) share the monotonic clock.
		const fromUs = metric(before.metrics, 'Timestamp') * 1e6;
		const cpu = mainThreadCpu(events, fromUs);
		const seen = await page.evaluate(
			([from, to]) => {
				const b = window.__bench;
				const ended = b.done.filter((t) => t >= from && t <= to);
				return {
					from,
					to,
					longTasks: b.longTasks.filter((t) => t.start >= from && t.start <= to),
					progress: b.progress.filter((t) => t >= from && t <= to).length,
					finished: ended.length > 0,
					// The last run seen to end (the cell race and the depth sweep train several).
					doneAt: Math.max(...ended),
					workers: b.workers.length
				};
			},
			[from, to]
		);
		const wall = metric(after.metrics, 'Timestamp') - metric(before.metrics, 'Timestamp');
		const busy = metric(after.metrics, 'TaskDuration') - metric(before.metrics, 'TaskDuration');
		// A run that ends inside the window leaves it idle afterwards, which dilutes the window's
		// share: the thread-time share is also given for the part before the end.
		const trainingMs = seen.finished ? Math.min(seen.doneAt, seen.to) - seen.from : null;
		const untilDone = trainingMs !== null && trainingMs > 0 ? mainThreadCpu(events, fromUs, fromUs + trainingMs * 1000, cpu.key) : null;
		result.train = {
			seconds: +wall.toFixed(2),
			busyShare: +(busy / wall).toFixed(3),
			scriptShare: +((metric(after.metrics, 'ScriptDuration') - metric(before.metrics, 'ScriptDuration')) / wall).toFixed(3),
			...longTaskSummary(seen.longTasks),
			cpuShare: +(cpu.ms / (wall * 1000)).toFixed(3),
			cpuWorstMs: Math.round(cpu.worstMs),
			cpuLongTasks: cpu.over50,
			progressMessages: seen.progress,
			finishedEarly: seen.finished,
			...(untilDone ? { trainingSeconds: +(trainingMs / 1000).toFixed(2), cpuShareTraining: +(untilDone.ms / trainingMs).toFixed(3) } : {}),
			workers: seen.workers
		};
		if (profiling && cpu.key) {
			result.profile = profileLongTasks(events.filter((e) => e.ph !== 'X' || e.ts >= fromUs), cpu.key, fromUs);
			console.log(profileLines(scenario.name, rate, result.profile).join('\n'));
		}
		return result;
	} finally {
		result_errors(scenario, errors);
		await cdp.detach().catch(() => {});
		await context.close();
	}
}

function result_errors(scenario, errors) {
	if (errors.length) console.log(`  ${scenario.name}: page errors: ${errors.slice(0, 3).join(' | ')}`);
}

/**
 * Records the window's trace. Tasks' thread time (`tdur`) counts only the time the page's main
 * thread ran, not time it waited for a core that another process held, so load inflates it much
 * less than wall time; with CPU throttling it includes the emulated slowdown.
 */
async function startTrace(cdp) {
	const events = [];
	const collect = (data) => events.push(...data.value);
	cdp.on('Tracing.dataCollected', collect);
	const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', ...(profiling ? [profileCategories] : [])].join(',');
	await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
	return {
		async stop() {
			const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
			await cdp.send('Tracing.end');
			await complete;
			cdp.off('Tracing.dataCollected', collect);
			return events;
		}
	};
}

function withTimeout(promise, ms) {
	return Promise.race([promise.catch(() => {}), new Promise((r) => setTimeout(r, ms))]);
}

/** The run with the median busy share (the lower of the middle two), carrying every run's figures. */
function medianRun(tries) {
	if (tries.length === 1) return tries[0];
	const measured = tries.filter((t) => t.train);
	const errors = tries.filter((t) => t.error).map((t) => t.error);
	if (measured.length === 0) return { ...(tries.find((t) => !t.error) ?? tries[0]), repeatErrors: errors };
	const sorted = [...measured].sort((a, b) => a.train.busyShare - b.train.busyShare);
	const median = sorted[Math.floor((sorted.length - 1) / 2)];
	const figures = ({ train: t }) => ({ busyShare: t.busyShare, cpuShare: t.cpuShare, longTasks: t.longTasks, worstMs: t.worstMs, cpuWorstMs: t.cpuWorstMs, ...(t.cpuShareTraining !== undefined ? { cpuShareTraining: t.cpuShareTraining } : {}) });
	return { ...median, repeats: measured.map(figures), repeatErrors: errors };
}

function longTaskSummary(tasks) {
	return { longTasks: tasks.length, worstMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))) };
}

// --- run ---------------------------------------------------------------------------------------

const started = new Date();
// The browser and the processor go in the table's first line: the same commit measured with
// another Chromium or on another processor can read twice as busy (see bench/README.md, Noise).
const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? '', chromium: browser.version(), loadBefore: loadavg().map((x) => +x.toFixed(2)) };
console.log(`bench:ui on ${base}: ${scenarios.length} pages, CPU throttling ${rates.map((r) => `${r}×`).join(' and ')}, ${seconds} s training windows; load average ${machine.loadBefore.join(' ')} on ${machine.cpus} cores`);
const results = [];
try {
	for (const scenario of scenarios) {
		const entry = { name: scenario.name, url: scenario.url, runs: [] };
		for (const rate of rates) {
			const tries = [];
			for (let i = 0; i < (scenario.trains ? repeat : 1); i++) {
				try {
					tries.push(await measure(scenario, rate, i));
				} catch (error) {
					tries.push({ rate, error: String(error.message ?? error).split('\n')[0] });
				}
			}
			entry.runs.push(medianRun(tries));
		}
		results.push(entry);
		console.log(line(entry));
	}
} finally {
	await browser.close();
	server.close();
}
machine.loadAfter = loadavg().map((x) => +x.toFixed(2));

let lighthouseResults = null;
if (flag('--lighthouse')) {
	const lesson = lessonSlugs().includes('why-sequences') ? 'why-sequences' : lessonSlugs()[0];
	lighthouseResults = await lighthouse(['/', `/lessons/${lesson}`, '/lab'], chromiumPath);
}

// --- report ------------------------------------------------------------------------------------

function cells(run) {
	if (!run) return ['', '', '', ''];
	if (run.error) return ['error', '', '', ''];
	if (!run.train) return ['', '', '', ''];
	const t = run.train;
	const note = t.progressMessages === 0 ? ' (no progress!)' : t.finishedEarly ? ' (finished)' : '';
	const training = t.cpuShareTraining !== undefined ? ` (${Math.round(t.cpuShareTraining * 100)} % in ${t.trainingSeconds} s)` : '';
	const pct = (x) => Math.round(x * 100);
	const spread = (pick) => {
		const xs = run.repeats.map(pick).filter((x) => x !== undefined);
		return `${pct(Math.min(...xs))}–${pct(Math.max(...xs))}`;
	};
	const range = run.repeats ? ` [${run.repeats.length} runs: ${spread((r) => r.busyShare)} %]` : '';
	const cpuRange = run.repeats ? ` [${spread((r) => r.cpuShare)} %${run.repeats.some((r) => r.cpuShareTraining !== undefined) ? `; in run ${spread((r) => r.cpuShareTraining)} %` : ''}]` : '';
	return [`${pct(t.busyShare)} %${note}${range}`, String(t.longTasks), t.longTasks ? `${t.worstMs} ms` : '—', `${Math.round(t.cpuShare * 100)} % / ${t.cpuWorstMs} ms${training}${cpuRange}`];
}

function line(entry) {
	const one = entry.runs.find((r) => r.rate === 1);
	const four = entry.runs.find((r) => r.rate === 4);
	const load = one && !one.error ? `${one.firstLoad?.gzipKB ?? ''} KB, ${one.hydratedMs} ms, ${one.load.longTasks} long (${one.load.worstMs} ms)` : (one?.error ?? '');
	return `  ${entry.name}: ${load}${one?.train ? ` · training 1× ${cells(one).join(' / ')}` : ''}${four?.train ? ` · 4× ${cells(four).join(' / ')}` : ''}${four?.error ? ` · 4× error: ${four.error}` : ''}`;
}

const header = ['page', 'JS gzip KB', 'hydrated ms', 'load long tasks', 'busy 1×', 'long 1×', 'worst 1×', 'cpu 1×', 'busy 4×', 'long 4×', 'worst 4×', 'cpu 4×'];
const rows = results.map((entry) => {
	const one = entry.runs.find((r) => r.rate === 1);
	const four = entry.runs.find((r) => r.rate === 4);
	const ok = one && !one.error;
	return [
		entry.name,
		ok ? String(one.firstLoad.gzipKB) : one?.error ? 'error' : '',
		ok ? String(one.hydratedMs) : '',
		ok ? `${one.load.longTasks}${one.load.longTasks ? ` (≤ ${one.load.worstMs} ms)` : ''}` : '',
		...cells(one),
		...cells(four)
	];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const format = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
const table = [
	`bench:ui ${started.toISOString()} · ${machine.cpus} cores (${machine.cpuModel}) · Chromium ${machine.chromium} · load average before ${machine.loadBefore.join(' ')}, after ${machine.loadAfter.join(' ')} · training windows ${seconds} s`,
	'',
	format(header),
	format(widths.map((w) => '-'.repeat(w))),
	...rows.map(format),
	'',
	'busy = main-thread task time / wall time while the worker trains (CDP Performance.getMetrics TaskDuration);',
	'long = main-thread tasks over 50 ms in that window; 4× = Chromium CPU throttling (Emulation.setCPUThrottlingRate 4);',
	'cpu = the same window from the trace in thread time (time the main thread ran, not waited for a core): share of wall time / longest task;',
	'      load inflates it much less than busy and long (least at 1×); (finished) rows ended their run inside the window,',
	'      and "(x % in s s)" is the thread-time share over the part of the window before the run ended.',
	...(repeat > 1 ? [`--repeat ${repeat}: each training row shows its run with the median busy share; [brackets] give the range over the runs.`] : []),
	'JS gzip = scripts requested (frames and workers included) until the network has been quiet for 2 s, gzip -9 of the built files;',
	'      load long tasks: unthrottled, until then.',
	...results.flatMap((e) => e.runs.filter((r) => r.error).map((r) => `error: ${e.name} at ${r.rate}×: ${r.error}`)),
	...results.flatMap((e) => e.runs.flatMap((r) => (r.repeatErrors ?? []).map((message) => `error in one of the --repeat runs: ${e.name} at ${r.rate}×: ${message}`))),
	...(lighthouseResults ? ['', 'Lighthouse (mobile):', ...lighthouseResults.lines] : [])
].join('\n');
console.log('\n' + table);
mkdirSync(dirname(jsonFile), { recursive: true });
writeFileSync(jsonFile, JSON.stringify({ date: started.toISOString(), machine, seconds, rates, repeat, results, lighthouse: lighthouseResults?.results ?? null }, null, 2));
writeFileSync(tableFile, table + '\n');
console.log(`\nwritten: ${jsonFile}, ${tableFile}`);
