/**
 * `npm run bench [-- --quick] [--only A,C] [--no-peers] [--json FILE]`
 *
 * Training-speed benchmark of the Unrolled engine against TensorFlow.js (cpu, wasm) and brain.js.
 * Not a test. Every contestant × workload runs in its own child process (clean V8 state; a crash
 * or a global of one cannot touch another) with a time budget; numbers are medians of several
 * timed runs, single-threaded. See bench/README.md for how to read the table.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainingStepFlops } from './flops';
import { RESULT_PREFIX, WORKLOADS, type Workload } from './workloads.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.dirname(benchDir);
const peersDir = path.join(benchDir, 'peers');

interface Options {
	quick: boolean;
	only: string[] | null;
	peers: boolean;
	json: string | null;
}

function parseArgs(argv: string[]): Options {
	const options: Options = { quick: false, only: null, peers: true, json: null };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--quick') options.quick = true;
		else if (arg === '--no-peers') options.peers = false;
		else if (arg === '--only') options.only = (argv[++i] ?? '').toUpperCase().split(',').filter(Boolean);
		else if (arg.startsWith('--only=')) options.only = arg.slice(7).toUpperCase().split(',').filter(Boolean);
		else if (arg === '--json') options.json = argv[++i] ?? null;
		else if (arg.startsWith('--json=')) options.json = arg.slice(7);
		else if (arg === '--help' || arg === '-h') {
			console.log('npm run bench -- [--quick] [--only A,C] [--no-peers] [--json FILE]');
			process.exit(0);
		} else throw new Error(`unknown argument ${arg} (try --help)`);
	}
	if (options.json === '') throw new Error('--json needs a file name');
	return options;
}

/** A contestant: how to start its child process for one workload. */
interface Contestant {
	name: string;
	command: (w: Workload, quick: boolean) => string[];
}

const tsx = (file: string) => ['--import', 'tsx', path.join(benchDir, file)];
const childFlags = (w: Workload, quick: boolean) => ['--workload', w.letter, ...(quick ? ['--quick'] : [])];

const ENGINE: Contestant = { name: 'engine', command: (w, q) => [...tsx('engine-workloads.ts'), ...childFlags(w, q)] };
const PEERS: Contestant[] = [
	{ name: 'tfjs-cpu', command: (w, q) => [path.join(peersDir, 'tfjs.mjs'), '--variant', 'cpu', ...childFlags(w, q)] },
	{ name: 'tfjs-wasm', command: (w, q) => [path.join(peersDir, 'tfjs.mjs'), '--variant', 'wasm', ...childFlags(w, q)] },
	{ name: 'brain.js', command: (w, q) => [path.join(peersDir, 'brain.mjs'), ...childFlags(w, q)] }
];

type ChildOutcome = { ok: true; result: Record<string, any> } | { ok: false; status: string; reason: string };

/** Runs `node ARGS` and returns the result line it printed, or why there is none. */
function runChild(args: string[], budgetSeconds: number): Promise<ChildOutcome> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, args, { cwd: rootDir, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, budgetSeconds * 1000);
		child.on('error', (error) => {
			clearTimeout(timer);
			resolve({ ok: false, status: 'failed', reason: error.message });
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const line = stdout.split('\n').reverse().find((l) => l.startsWith(RESULT_PREFIX));
			if (line) return resolve({ ok: true, result: JSON.parse(line.slice(RESULT_PREFIX.length)) });
			if (timedOut) return resolve({ ok: false, status: 'timeout', reason: `no result within ${budgetSeconds} s` });
			const lines = stderr.split('\n').map((l) => l.trim());
			const message = lines.find((l) => /^[A-Za-z]*Error\b/.test(l)) ?? lines.filter(Boolean).pop() ?? '';
			resolve({ ok: false, status: 'failed', reason: `exit ${code ?? signal}: ${message.slice(0, 200)}` });
		});
	});
}

/** Installs the peers into bench/peers/node_modules when missing; returns why not, or null. */
function ensurePeers(): string | null {
	if (existsSync(path.join(peersDir, 'node_modules'))) return null;
	console.error('Installing peers into bench/peers (once; ~400 MB, about half a minute)...');
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const install = spawnSync(
		npm,
		['install', '--prefix', peersDir, '--omit=optional', '--ignore-scripts', '--no-audit', '--no-fund'],
		{ cwd: rootDir, encoding: 'utf8', timeout: 600_000 }
	);
	if (install.status === 0) return null;
	// A half-finished install would look installed next time: remove it.
	rmSync(path.join(peersDir, 'node_modules'), { recursive: true, force: true });
	const lines = (install.error?.message ?? install.stderr ?? '').split('\n').map((l) => l.trim());
	const why = lines.filter((l) => l && !/nodedir|complete log|^npm warn/i.test(l)).slice(0, 2).join(' / ');
	return `npm install --prefix bench/peers failed: ${(why || `exit ${install.status}`).slice(0, 200)}`;
}

interface Cell {
	stepsPerSec: number | null;
	/** "pending", "missing", "failed", "timeout" or "ok" */
	status: string;
	note: string;
}

function toCell(outcome: ChildOutcome, peer: boolean): Cell {
	if (!outcome.ok) return { stepsPerSec: null, status: peer ? 'missing' : outcome.status, note: `${outcome.status}: ${outcome.reason}` };
	const r = outcome.result;
	if (typeof r.pending === 'string') return { stepsPerSec: null, status: 'pending', note: r.pending };
	const rates: number[] = r.rates ?? [];
	const spread = rates.length > 1 ? (Math.max(...rates) - Math.min(...rates)) / r.stepsPerSec : 0;
	const timing = `median of ${r.runs} runs, spread ${(100 * spread).toFixed(0)}%`;
	return { stepsPerSec: r.stepsPerSec, status: 'ok', note: r.note ? `${r.note}; ${timing}` : timing };
}

const fmtRate = (c: Cell) => (c.stepsPerSec === null ? c.status : c.stepsPerSec >= 100 ? c.stepsPerSec.toFixed(0) : c.stepsPerSec.toPrecision(3));

function table(rows: string[][]): string {
	const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
	const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const workloads = WORKLOADS.filter((w) => !options.only || options.only.includes(w.letter));
	const lecture = !options.only || options.only.includes('L');
	if (workloads.length === 0 && !lecture) throw new Error(`--only matched no workload (have ${WORKLOADS.map((w) => w.letter).join(',')})`);
	const budget = options.quick ? 40 : 90;
	const started = Date.now();
	const load = os.loadavg()[0];
	console.error(`bench: ${options.quick ? 'quick' : 'full'} run on ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load ${load.toFixed(2)}`);
	if (load > 0.5) console.error(`bench: the machine is busy (1-min load ${load.toFixed(2)}); numbers will be noisy`);

	const peers = options.peers ? PEERS : [];
	const peerInstallError = peers.length ? ensurePeers() : null;

	// The baseline only scales the workload table's GFLOP/s: `--only L` skips it.
	let matvec: ChildOutcome = { ok: true, result: { gflops: null, sizes: [], fourRowsGflops: null } };
	if (workloads.length) {
		console.error('bench: matvec baseline...');
		matvec = await runChild([...tsx('matvec.ts'), ...(options.quick ? ['--quick'] : [])], budget);
		if (!matvec.ok) throw new Error(`matvec baseline failed: ${matvec.reason}`);
	}
	const matvecGflops: number = matvec.result.gflops;

	const results: { w: Workload; engine: Cell; peers: Record<string, Cell> }[] = [];
	for (const w of workloads) {
		console.error(`bench: ${w.name}: engine...`);
		const engine = toCell(await runChild(ENGINE.command(w, options.quick), budget), false);
		const peerCells: Record<string, Cell> = {};
		for (const peer of peers) {
			console.error(`bench: ${w.name}: ${peer.name}...`);
			peerCells[peer.name] = peerInstallError
				? { stepsPerSec: null, status: 'missing', note: peerInstallError }
				: toCell(await runChild(peer.command(w, options.quick), budget), true);
		}
		results.push({ w, engine, peers: peerCells });
	}

	// Table: steps/s for everyone, then the engine's GFLOP/s in the dense formulation.
	const header = ['workload', 'engine', ...peers.map((p) => p.name), 'MFLOP/step', 'engine GFLOP/s', 'of matvec'];
	const rows = [header];
	const json = [];
	for (const { w, engine, peers: pc } of results) {
		const flops = trainingStepFlops(w);
		const gflops = engine.stepsPerSec === null ? null : (engine.stepsPerSec * flops) / 1e9;
		const fraction = gflops === null ? null : gflops / matvecGflops;
		rows.push([
			w.name,
			fmtRate(engine),
			...peers.map((p) => fmtRate(pc[p.name])),
			(flops / 1e6).toFixed(3),
			gflops === null ? '-' : gflops.toFixed(3),
			fraction === null ? '-' : `${(100 * fraction).toFixed(0)}%`
		]);
		json.push({
			name: w.name,
			engine: engine.stepsPerSec,
			peers: Object.fromEntries(peers.map((p) => [p.name, pc[p.name].stepsPerSec])),
			gflops,
			gflopsFraction: fraction,
			flopsPerStep: flops,
			notes: Object.fromEntries([['engine', engine.note], ...peers.map((p) => [p.name, pc[p.name].note])])
		});
	}
	// --only L: no workload table
	if (results.length) {
		console.log(`\nTraining steps per second (one step = forward + BPTT + update on one sequence; median of runs)\n`);
		console.log(table(rows));
		const sizes = (matvec.result.sizes as { rows: number; cols: number; gflops: number }[])
			.map((s) => `${s.rows}x${s.cols} ${s.gflops.toFixed(2)}`)
			.join(', ');
		console.log(`\nmatvec baseline (plain Float64Array dot-product loop, GFLOP/s): ${sizes}; best ${matvecGflops.toFixed(2)} = 100%`);
		console.log(
			`  for reference, 100x100 reading 4 rows per pass: ${(matvec.result.fourRowsGflops as number).toFixed(2)} GFLOP/s ` +
				'(kernels like that, and one-hot lookups, let the engine pass 100%)'
		);
		console.log('\nNotes (where a contestant differs from the workload, or why it has no number):');
		for (const { w, engine, peers: pc } of results) {
			for (const [name, cell] of [['engine', engine], ...peers.map((p) => [p.name, pc[p.name]] as const)] as const) {
				if (cell.note) console.log(`  ${w.letter} ${name}: ${cell.note}`);
			}
		}
	}
	const lectureResult = lecture ? await lectureEpochs(options.quick, results.find((r) => r.w.letter === 'E'), peers.length ? { installError: peerInstallError } : null) : null;
	const endLoad = os.loadavg()[0];
	console.log(
		`\n(${((Date.now() - started) / 1000).toFixed(0)} s; 1-min load ${load.toFixed(2)} at start, ${endLoad.toFixed(2)} at end` +
			`${Math.max(load, endLoad) > 1.5 ? ': other work shared the CPU, numbers are noisy' : ''}` +
			`${options.quick ? '; --quick: short runs, rougher numbers' : ''})`
	);

	if (options.json) {
		const file = path.resolve(process.cwd(), options.json);
		mkdirSync(path.dirname(file), { recursive: true });
		const meta = { date: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model, quick: options.quick, loadAverage: load };
		const matvecDetail = { sizes: matvec.result.sizes, fourRowsGflops: matvec.result.fourRowsGflops };
		writeFileSync(file, JSON.stringify({ workloads: json, lecture: lectureResult, matvecGflops, matvecDetail, meta }, null, 2) + '\n');
		console.error(`bench: wrote ${path.relative(process.cwd(), file)}`);
	}
}

/**
 * Section L's peers: the same epoch in tfjs's Layers API (`bench/peers/tfjs-activity.mjs`). An epoch
 * takes tfjs minutes of CPU (the engine about half a minute), so a peer may time only the epoch's
 * first `updates` and extrapolate; null: whole epochs, as many as the engine, with held-out
 * accuracy. brain.js cannot express the setup.
 */
const LECTURE_PEERS: { name: string; variant: string; updates: (quick: boolean) => number | null }[] = [
	{ name: 'tfjs-wasm', variant: 'wasm', updates: (quick) => (quick ? 60 : null) },
	{ name: 'tfjs-cpu', variant: 'cpu', updates: (quick) => (quick ? 30 : 100) }
];

/**
 * Section L: lecture 000's setup trained for real (the activity trainer's session), epoch by
 * epoch, with held-out accuracy; then the same epoch in tfjs, one process at a time, and a table of
 * engine against each peer; beside it the epoch time each contestant would need at its measured
 * speed on workload E (one 50-step chunk of the same network, one chunk at a time).
 */
async function lectureEpochs(
	quick: boolean,
	chunk: { engine: Cell; peers: Record<string, Cell> } | undefined,
	peers: { installError: string | null } | null
): Promise<Record<string, unknown> | null> {
	console.error('bench: L lecture setup (LSTM 100, six recordings, truncated BPTT): engine, epoch by epoch...');
	const outcome = await runChild([...tsx('activity-epoch.ts'), ...(quick ? ['--quick'] : [])], quick ? 600 : 1800);
	const peerOutcomes: Record<string, ChildOutcome> = {};
	for (const peer of peers ? LECTURE_PEERS : []) {
		if (peers?.installError) {
			peerOutcomes[peer.name] = { ok: false, status: 'missing', reason: peers.installError };
			continue;
		}
		const updates = peer.updates(quick);
		console.error(`bench: L lecture setup: ${peer.name}${updates === null ? '' : ` (first ${updates} updates)`}...`);
		const args = ['--import', 'tsx', path.join(peersDir, 'tfjs-activity.mjs'), '--variant', peer.variant, ...(quick ? ['--quick'] : []), ...(updates === null ? [] : ['--updates', String(updates)])];
		peerOutcomes[peer.name] = await runChild(args, quick ? 1200 : 3600);
	}
	console.log('\nL: lecture 000\'s setup, the activity trainer\'s own session (LSTM 100 → dense 5, per-step cross-entropy, chunks of 50, 12 streams, Adam)\n');
	if (!outcome.ok) {
		console.log(`  engine: ${outcome.status}: ${outcome.reason}`);
		return null;
	}
	const r = outcome.result;
	const pct = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);
	const rows = [['epoch', 'train s', 'held-out acc', 'near changes', 'elsewhere', 'loss (last 50)']];
	for (const e of r.epochs) rows.push([String(e.epoch), e.trainSeconds.toFixed(1), pct(e.accuracy), pct(e.near), pct(e.elsewhere), e.loss.toFixed(3)]);
	console.log(table(rows));
	console.log(`  ${r.stepsPerEpoch.toLocaleString('en')} time steps and ${r.updatesPerEpoch} updates per epoch; ${Math.round(r.timeStepsPerSec).toLocaleString('en')} time steps/s; ${r.parameters.toLocaleString('en')} parameters`);
	if (chunk) {
		// An epoch is stepsPerEpoch / 50 chunks of workload E.
		const chunks = r.stepsPerEpoch / 50;
		const cells: [string, Cell][] = [['engine', chunk.engine], ...Object.entries(chunk.peers)];
		const line = cells.map(([name, c]) => `${name} ${c.stepsPerSec ? `${(chunks / c.stepsPerSec).toFixed(0)} s` : c.status}`).join(', ');
		console.log(`  epoch time from workload E's chunks/s (one chunk at a time, no batching): ${line}`);
	}
	if (peers) lecturePeerTable(r, peerOutcomes, pct);
	const rec = r.recommended;
	if (rec) {
		console.log(`\nL: the recommended setup (LSTM 32, six people turned at random each epoch, warm-up + cosine decay, best validation epoch kept; seed 1)\n`);
		const recRows = [['epoch', 'train s', 'validation acc', 'held-out acc', 'loss (last 50)']];
		for (const e of rec.epochs) recRows.push([String(e.epoch), e.trainSeconds.toFixed(1), pct(e.validation), pct(e.accuracy), e.loss.toFixed(3)]);
		console.log(table(recRows));
		const first = rec.epochTo90 === null ? 'held-out never reached 90%' : `held-out first ≥ 90% after epoch ${rec.epochTo90}, ${rec.secondsTo90.toFixed(0)} s of training`;
		const kept = rec.kept ? `kept the weights of epoch ${rec.kept.epoch.toFixed(rec.kept.epoch % 1 ? 2 : 0)} (validation ${pct(rec.kept.accuracy)})` : 'kept the last weights';
		console.log(`  ${first}; ${kept}: held-out ${pct(rec.finalAccuracy)} (${rec.finalAccuracy >= 0.9 ? '≥' : '<'} 90%); ${rec.trainSeconds.toFixed(0)} s training in all, ${Math.round(rec.timeStepsPerSec).toLocaleString('en')} time steps/s`);
	}
	const peerResults = Object.fromEntries(Object.entries(peerOutcomes).map(([name, o]) => [name, o.ok ? o.result : { status: 'missing', reason: `${o.status}: ${o.reason}` }]));
	return { ...r, peers: peerResults };
}

/** Engine against each peer on the lecture's epoch: speed in updates, seconds per epoch (wall and CPU), held-out accuracy per epoch. */
function lecturePeerTable(r: Record<string, any>, outcomes: Record<string, ChildOutcome>, pct: (x: number | null) => string) {
	const perEpoch: number = r.updatesPerEpoch;
	const accuracies = (epochs: { accuracy: number | null }[]) => epochs.map((e) => pct(e.accuracy)).join(' → ');
	const rows = [['contestant', 'updates timed', 'updates/s', 's / epoch', 'CPU s / epoch', 'CPU × engine', 'held-out acc by epoch', 'loss (last 50)']];
	const epochs = r.epochs.length;
	const engineCpu = r.trainCpuSeconds / epochs;
	rows.push([
		'engine',
		`${epochs} × ${perEpoch}`,
		((perEpoch * epochs) / r.trainSeconds).toFixed(2),
		(r.trainSeconds / epochs).toFixed(0),
		engineCpu.toFixed(0),
		'1',
		accuracies(r.epochs),
		r.epochs[epochs - 1].loss.toFixed(3)
	]);
	const notes: string[] = [];
	for (const [name, o] of Object.entries(outcomes)) {
		if (!o.ok) {
			rows.push([name, o.status === 'timeout' ? 'timeout' : 'missing', '-', '-', '-', '-', '-', '-']);
			notes.push(`  ${name}: ${o.status}: ${o.reason}`);
			continue;
		}
		const p = o.result;
		const last = p.epochs[p.epochs.length - 1];
		rows.push([
			name,
			p.partial ? `${p.updatesTrained} of ${perEpoch}` : `${p.epochs.length} × ${perEpoch}`,
			p.updatesPerSec.toFixed(2),
			`${p.epochSeconds.toFixed(0)}${p.partial ? ' (extrap.)' : ''}`,
			`${p.epochCpuSeconds.toFixed(0)}${p.partial ? ' (extrap.)' : ''}`,
			(p.epochCpuSeconds / engineCpu).toFixed(1),
			p.partial ? 'not measured (part of an epoch)' : accuracies(p.epochs),
			`${last.loss.toFixed(3)}${p.partial ? ` (updates ${Math.max(1, p.updatesTrained - 49)}–${p.updatesTrained})` : ''}`
		]);
		notes.push(`  ${name}: ${p.note}`);
	}
	rows.push(['brain.js', 'cannot express it', '-', '-', '-', '-', '-', '-']);
	notes.push('  brain.js: no per-step classifier with a carried state (its LSTMTimeStep predicts vectors with MSE)');
	console.log(`\nL against the peers: the same data, starting weights, ${perEpoch} updates an epoch, Adam and clipping as the engine\n`);
	console.log(table(rows));
	console.log('  (extrap.): the epoch time from the timed first updates, times updates per epoch ÷ updates timed');
	console.log('  CPU s: user + system time of the process while it trained; on a busy machine compare these, not the wall seconds');
	for (const note of notes) console.log(note);
}

main().catch((error) => {
	console.error(`bench: ${error instanceof Error ? error.message : error}`);
	process.exit(1);
});
