// @ts-check
/**
 * brain.js peer: `node bench/peers/brain.mjs --workload A [--quick]`.
 *
 * Written the way brain.js users write it: `new brain.recurrent.RNN/LSTM({ hiddenLayers })` on
 * strings and `net.train(data, { iterations })`, brain's own training loop. One training step =
 * one sequence through brain's `trainPattern` (forward, BPTT, weight update).
 *
 * Where brain.js cannot do our workload exactly (it is reported with the result):
 * - its recurrent nets embed each symbol (an (inputRange+1) × inputSize table) and then multiply
 *   by Wxh like a dense one-hot layer; the output has one extra class (END), and a sequence of
 *   T-1 characters is trained as T steps (START→c1 … c(T-1)→END);
 * - its RNN cell is relu, not tanh; it trains with RMSProp + clipping + L2, not plain SGD;
 * - float32 (Float32Array matrices);
 * - D: brain.js has no many-to-one classifier. Stand-in: `recurrent.LSTMTimeStep` 3→100→3 on a
 *   1,000-step sequence of 3-vectors, trained to predict the next vector (MSE at every step).
 */
import brain from 'brain.js';
import { childArgs, emitResult, makeSequences, measure, timingOptions } from '../workloads.mjs';

const { workload: w, quick } = childArgs();
const H = w.hiddenSize;
const sequences = makeSequences(w);
// brain's RMSProp has no bias correction: its first updates are ~30 × learningRate per weight, which
// blows the 1,000-step LSTM up to NaN at its default 0.01. 0.001 keeps every workload finite.
const trainOptions = { learningRate: 0.001, errorThresh: 1e-12, log: false };

/** @type {string} */
let note;
/** @type {() => any} */
let makeNet;
/** @type {any[]} */
let data;

if (w.oneHotInput) {
	// V-1 printable symbols + brain's own "unrecognized" symbol = a vocabulary of exactly V.
	const alphabet = Array.from({ length: w.inputSize - 1 }, (_, i) => String.fromCharCode(48 + i));
	const Net = w.cell === 'rnn' ? brain.recurrent.RNN : brain.recurrent.LSTM;
	makeNet = () => {
		const dataFormatter = new brain.utilities.DataFormatter(alphabet);
		return new Net({ hiddenLayers: [H], dataFormatter });
	};
	// T-1 characters → T recurrent steps with brain's START/END tokens.
	data = sequences.map((s) =>
		s.inputIndices
			.slice(0, w.steps - 1)
			.map((i) => alphabet[i % alphabet.length])
			.join('')
	);
	note =
		`brain.recurrent.${w.cell === 'rnn' ? 'RNN (relu cell)' : 'LSTM'}: embedding ${w.inputSize}+1 → ` +
		`${w.inputSize}, ${w.classes}+1 outputs (END), ${w.steps - 1} chars = ${w.steps} steps; RMSProp; float32`;
} else {
	makeNet = () =>
		new brain.recurrent.LSTMTimeStep({ inputSize: w.inputSize, hiddenLayers: [H], outputSize: w.inputSize });
	data = sequences.map((s) => s.inputVectors);
	note =
		`STAND-IN: brain.recurrent.LSTMTimeStep ${w.inputSize}→${H}→${w.inputSize}, ${w.steps} steps, ` +
		`next-vector MSE at every step (no many-to-one classifier); RMSProp; float32`;
}

const nets = [makeNet(), makeNet()];
let turn = 0;
let restarts = 0;
// `train` runs `iterations` passes over `data`, one training step per sequence.
const result = measure((count) => {
	const iterations = Math.max(1, Math.round(count / data.length));
	const k = turn++ % 2;
	try {
		nets[k].train(data, { ...trainOptions, iterations });
	} catch (error) {
		// brain.js throws when its error turns NaN (weights blew up): start that net afresh.
		if (!String(error).includes('NaN')) throw error;
		nets[k] = makeNet();
		restarts++;
	}
	return iterations * data.length;
}, timingOptions(quick));
emitResult({ ...result, note: note + (restarts ? `; ${restarts} NaN restart(s)` : '') });
