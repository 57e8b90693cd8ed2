/**
 * Developer tool: training speed of the lab's training loop (`src/lib/training/session.ts`) on the
 * benchmark's workload A (char RNN, one-hot vocabulary 65, hidden 100, 25 steps per sequence,
 * SGD), measured three ways:
 *   1. Node, main thread (vite's SSR loader runs the TypeScript as is);
 *   2. Chromium, the page's main thread (blocking: what the lab would do without a worker);
 *   3. Chromium, the training worker with its time slices, progress messages and evaluations.
 * In each case a first network trains 200 steps before the measured one, as after an earlier run
 * in the lab; a single network alone in its thread is flattered by V8's constant folding.
 * Usage: node scripts/bench-trainer-worker.mjs [seconds per measurement, default 5]
 * Starts its own vite dev server on a free port and stops it at the end.
 */
import { chromium } from '@playwright/test';
import { createServer } from 'vite';

const seconds = Number(process.argv[2] ?? 5);
// 65 distinct characters, the vocabulary of tiny-shakespeare (workload A).
const symbols = "\n !$&',-.3:;?";
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const verse = "First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.\n\nFirst Citizen:\nYou are all resolved rather to die than to famish?\n\nAll:\nResolved. resolved!\n\n";
const text = (verse.repeat(4) + letters + ' ' + symbols + '$&3').slice(0, 1000);
const config = {
	task: 'char',
	text,
	cell: 'rnn',
	hidden: 100,
	optimizer: 'sgd',
	lr: 0.05,
	clip: 5,
	tbptt: 0,
	seed: 1,
	lag: 10,
	steps: 20000
};

const server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
await server.listen();
const base = server.resolvedUrls.local[0].replace(/\/$/, '');
const results = {};
try {
	// 1. Node
	const training = await server.ssrLoadModule('/src/lib/training/session.ts');
	{
		training.createSession({ ...config, seed: 99 }).runSteps(200);
		const session = training.createSession(config);
		if (session.info.inputSize !== 65 || session.info.sequenceLength !== 25) throw new Error(`not workload A: ${JSON.stringify(session.info)}`);
		session.runSteps(100);
		const t0 = performance.now();
		let n = 0;
		while (performance.now() - t0 < seconds * 1000) n += session.runSteps(50).length;
		results.node = n / ((performance.now() - t0) / 1000);
	}

	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu']
	});
	const page = await browser.newPage();
	await page.goto(base + '/lab', { waitUntil: 'networkidle' });

	// The main-thread run is started by a module script of the page itself (not inside a
	// DevTools evaluation), and its result read afterwards.
	let runs = 0;
	const mainThread = async () => {
		const key = `bench${runs++}`;
		await page.addScriptTag({
			type: 'module',
			content: `
				const training = await import('/src/lib/training/session.ts');
				const config = ${JSON.stringify(config)};
				setTimeout(() => {
					// A first network trains briefly, as an earlier run would: V8 then cannot specialise
					// the kernels on one network's constant arrays (see /work/shared/STACK-NOTES.md).
					training.createSession({ ...config, seed: 99 }).runSteps(200);
					const session = training.createSession(config);
					session.runSteps(100);
					const t0 = performance.now();
					let n = 0;
					while (performance.now() - t0 < ${seconds * 1000}) n += session.runSteps(50).length;
					window.${key} = n / ((performance.now() - t0) / 1000);
				}, 0);`
		});
		await page.waitForFunction((key) => typeof window[key] === 'number', key, { timeout: (seconds + 30) * 1000, polling: 500 });
		return page.evaluate((key) => window[key], key);
	};
	const inWorker = () =>
		page.evaluate(
			({ config, seconds }) =>
				new Promise((resolve, reject) => {
					const worker = new Worker('/src/lib/worker/trainer.worker.ts', { type: 'module' });
					let first = null;
					let last = null;
					let reported = 0;
					worker.onerror = (event) => reject(new Error(event.message));
					worker.onmessage = ({ data }) => {
						if (data.type === 'error') reject(new Error(data.message));
						if (data.type !== 'progress') return;
						const now = performance.now();
						// Skip set-up and the first 100 steps (warm-up), then measure.
						if (first === null && data.step >= 100) first = { time: now, step: data.step };
						if (!first) return;
						last = { time: now, step: data.step };
						reported = data.stepsPerSec;
						if (now - first.time >= seconds * 1000) {
							worker.terminate();
							resolve({ stepsPerSec: (last.step - first.step) / ((last.time - first.time) / 1000), reported });
						}
					};
					// An earlier run of 200 steps first (see the main-thread case), then the measured one.
					const measured = worker.onmessage;
					worker.onmessage = ({ data }) => {
						if (data.type === 'error') reject(new Error(data.message));
						if (data.type !== 'done') return;
						worker.onmessage = measured;
						worker.postMessage({ type: 'start', run: 1, config });
					};
					worker.postMessage({ type: 'start', run: 0, config: { ...config, seed: 99, steps: 200 } });
				}),
			{ config, seconds }
		);
	// 2 and 3 alternate, twice, so a change in the machine's load hits both.
	results.browserMainThread = [];
	results.browserWorker = [];
	for (let round = 0; round < 2; round++) {
		results.browserMainThread.push(await mainThread());
		results.browserWorker.push((await inWorker()).stepsPerSec);
	}
	await browser.close();
} finally {
	await server.close();
}

const round = (x) => Math.round(x);
const list = (xs) => xs.map(round).join(', ');
console.log(JSON.stringify({ workload: 'A: char RNN, vocab 65, hidden 100, 25 steps, SGD', seconds, ...results }, null, 2));
console.log(
	`steps/s — Node main thread ${round(results.node)} · browser main thread ${list(results.browserMainThread)} · browser worker ${list(results.browserWorker)}`
);
