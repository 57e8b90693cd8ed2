/**
 * The engine's side of `npm run bench`: `node --import tsx bench/engine-workloads.ts --workload A`.
 *
 * Uses the fastest public training path of `src/lib/engine`: a network from `buildNetwork`, a
 * `createTrainer` with plain SGD, inputs prepared once as sequences (one-hot inputs as indices,
 * so `Wxh x_t` is a column lookup) and losses prepared once with `prepareLoss`; each training
 * step is one `trainer.step(sequence, loss)` (forward, BPTT, update on preallocated buffers).
 * Two networks are trained in turn so that V8 cannot specialise on one set of weights.
 */
import { existsSync } from 'node:fs';
import { childArgs, emitResult, makeSequences, measure, timingOptions, LEARNING_RATE } from './workloads.mjs';

type Engine = typeof import('../src/lib/engine/index');
const NEEDED = ['buildNetwork', 'createTrainer', 'oneHotSequence', 'denseSequence', 'prepareLoss'] as const;

const { workload: w, quick } = childArgs();

async function loadEngine(): Promise<Engine | string> {
	if (!existsSync(new URL('../src/lib/engine/index.ts', import.meta.url))) return 'src/lib/engine/index.ts does not exist yet';
	const engine: Engine = await import('../src/lib/engine/index');
	const missing = NEEDED.filter((name) => typeof (engine as Record<string, unknown>)[name] !== 'function');
	return missing.length ? `src/lib/engine/index.ts does not export ${missing.join(', ')}` : engine;
}

const engine = await loadEngine();
if (typeof engine === 'string') {
	emitResult({ pending: engine });
} else {
	const spec = { inputSize: w.inputSize, layers: [{ cell: w.cell, hiddenSize: w.hiddenSize }], outputSize: w.classes };
	const trainers = [1, 2].map((seed) =>
		engine.createTrainer(engine.buildNetwork(spec, { seed }), { optimizer: { kind: 'sgd', lr: LEARNING_RATE } })
	);
	const data = makeSequences(w).map((s) => {
		const inputs = w.oneHotInput ? engine.oneHotSequence(s.inputIndices, w.inputSize) : engine.denseSequence(s.inputVectors);
		// Loss at every step, or only at the last (null = no target at that step).
		const targets = w.lossEveryStep ? s.targets : [...Array<null>(w.steps - 1).fill(null), s.targets[0]];
		const loss = engine.prepareLoss({ kind: 'softmax-ce', targets, reduction: 'sum' }, w.steps, w.classes);
		return { inputs, loss };
	});

	let n = 0;
	let lossSum = 0;
	const result = measure((count) => {
		for (let i = 0; i < count; i++, n++) {
			const d = data[n % data.length];
			lossSum += trainers[n % 2].step(d.inputs, d.loss).loss;
		}
	}, timingOptions(quick));
	if (!Number.isFinite(lossSum)) throw new Error('engine training produced a non-finite loss');
	emitResult({ ...result, note: `float64; SGD lr ${LEARNING_RATE}${w.oneHotInput ? '; one-hot inputs as indices' : ''}` });
}
