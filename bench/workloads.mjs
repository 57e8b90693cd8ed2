// @ts-check
/**
 * What every contestant of `npm run bench` trains, and the shared timing loop.
 *
 * Plain JavaScript (with JSDoc types) because the peers run under plain `node` in child
 * processes, while the engine side (TypeScript, under tsx) imports the very same file.
 */

/**
 * @typedef {object} Workload
 * @property {string} letter
 * @property {string} name
 * @property {'rnn' | 'lstm'} cell
 * @property {number} inputSize    vocabulary size for one-hot inputs, else the vector width
 * @property {number} hiddenSize
 * @property {number} steps        sequence length T
 * @property {number} classes      softmax head width
 * @property {boolean} lossEveryStep  softmax cross-entropy at every step, else at the last only
 * @property {boolean} oneHotInput
 */

/** @type {Workload[]} */
export const WORKLOADS = [
	{ letter: 'A', name: 'A char RNN V65 H100 T25', cell: 'rnn', inputSize: 65, hiddenSize: 100, steps: 25, classes: 65, lossEveryStep: true, oneHotInput: true },
	{ letter: 'B', name: 'B char LSTM V65 H100 T25', cell: 'lstm', inputSize: 65, hiddenSize: 100, steps: 25, classes: 65, lossEveryStep: true, oneHotInput: true },
	{ letter: 'C', name: 'C tiny RNN V4 H8 T10', cell: 'rnn', inputSize: 4, hiddenSize: 8, steps: 10, classes: 4, lossEveryStep: true, oneHotInput: true },
	{ letter: 'D', name: 'D LSTM 3>100 T1000 5-class last step', cell: 'lstm', inputSize: 3, hiddenSize: 100, steps: 1000, classes: 5, lossEveryStep: false, oneHotInput: false },
	// Lecture 000's activity network on one truncated-BPTT chunk of 50 steps (1 s at 50 Hz), a label at every step.
	{ letter: 'E', name: 'E LSTM 3>100 T50 5-class every step', cell: 'lstm', inputSize: 3, hiddenSize: 100, steps: 50, classes: 5, lossEveryStep: true, oneHotInput: false }
];

/** Plain SGD step size used by every contestant that lets us choose the optimizer. */
export const LEARNING_RATE = 0.01;

/** @param {string} letter */
export function workloadByLetter(letter) {
	const w = WORKLOADS.find((x) => x.letter === letter.toUpperCase());
	if (!w) throw new Error(`unknown workload ${letter}`);
	return w;
}

/** mulberry32: tiny seeded PRNG so every contestant sees the same data. */
export function makeRandom(seed = 1) {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) | 0;
		let t = Math.imul(s ^ (s >>> 15), 1 | s);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * @typedef {object} Sequence
 * @property {number[]} inputIndices   one-hot workloads: T input indices (else empty)
 * @property {number[][]} inputVectors vector workloads: T vectors (else empty)
 * @property {number[]} targets        T target classes (loss every step) or 1 (last step)
 */

/**
 * A few different sequences; a benchmark cycles through them, one sequence per training step.
 * One-hot workloads: a random text of T+1 symbols, input = text[0..T), target = text[1..T].
 * @param {Workload} w
 * @returns {Sequence[]}
 */
export function makeSequences(w, count = 4, seed = 1) {
	const random = makeRandom(seed * 7919 + w.letter.charCodeAt(0));
	/** @type {Sequence[]} */
	const sequences = [];
	for (let s = 0; s < count; s++) {
		if (w.oneHotInput) {
			const text = Array.from({ length: w.steps + 1 }, () => Math.floor(random() * w.inputSize));
			sequences.push({ inputIndices: text.slice(0, -1), inputVectors: [], targets: text.slice(1) });
		} else {
			const vectors = Array.from({ length: w.steps }, () =>
				Array.from({ length: w.inputSize }, () => 2 * random() - 1)
			);
			const labels = Array.from({ length: w.lossEveryStep ? w.steps : 1 }, () => Math.floor(random() * w.classes));
			sequences.push({ inputIndices: [], inputVectors: vectors, targets: labels });
		}
	}
	return sequences;
}

/**
 * @typedef {object} TimingOptions
 * @property {number} warmupSeconds
 * @property {number} runSeconds
 * @property {number} runs
 * @property {number} maxSeconds  stop adding runs past this (at least one run is always made)
 */

/** @param {boolean} quick @returns {TimingOptions} */
export function timingOptions(quick) {
	return quick
		? { warmupSeconds: 0.3, runSeconds: 0.3, runs: 3, maxSeconds: 8 }
		: { warmupSeconds: 1, runSeconds: 1, runs: 5, maxSeconds: 25 };
}

/**
 * Times `step(count)`, which performs about `count` training steps and may return how many it
 * really did. Warm-up first (also used to calibrate how many steps fill a run), then `runs` runs;
 * returns the median steps per second.
 * @param {(count: number) => number | void} step
 * @param {TimingOptions} options
 */
export function measure(step, options) {
	const start = performance.now();
	let count = 1;
	let perStep = Infinity;
	// Warm-up: double the batch until it takes a noticeable time, keep going for warmupSeconds.
	// The fastest batch calibrates the runs (a batch slowed by a neighbour would make them short).
	for (;;) {
		const t0 = performance.now();
		const done = step(count) || count;
		const dt = (performance.now() - t0) / 1000;
		perStep = Math.min(perStep, dt / done);
		if ((performance.now() - start) / 1000 >= options.warmupSeconds) break;
		if (dt < 0.05) count *= 2;
	}
	const perRun = Math.max(1, Math.round(options.runSeconds / Math.max(perStep, 1e-9)));
	/** @type {number[]} */
	const rates = [];
	const runsStart = performance.now();
	while (rates.length < options.runs) {
		const t0 = performance.now();
		const done = step(perRun) || perRun;
		rates.push(done / ((performance.now() - t0) / 1000));
		if ((performance.now() - runsStart) / 1000 > options.maxSeconds) break;
	}
	const sorted = [...rates].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	return { stepsPerSec: median, runs: rates.length, stepsPerRun: perRun, rates };
}

/** Children report on one line with this prefix (libraries may print to stdout too). */
export const RESULT_PREFIX = '@@bench-result ';

/** @param {Record<string, unknown>} result */
export function emitResult(result) {
	process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

/** `--workload A --quick` style arguments of a child process. */
export function childArgs(argv = process.argv.slice(2)) {
	const get = (/** @type {string} */ flag) => {
		const i = argv.indexOf(flag);
		return i >= 0 ? argv[i + 1] : undefined;
	};
	return {
		workload: workloadByLetter(get('--workload') ?? 'A'),
		quick: argv.includes('--quick'),
		/** contestant-specific variant, e.g. the tfjs backend */
		variant: get('--variant') ?? ''
	};
}
