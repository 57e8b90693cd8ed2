/**
 * Lecture 000's setup for `npm run bench` (section L): `node --import tsx bench/activity-epoch.ts [--quick]`.
 *
 * The very session the activity trainer's worker runs (`createSession` with `perStep`): LSTM 100 →
 * dense 5, per-step cross-entropy, truncated BPTT in chunks of 50 steps over the six training
 * recordings cut into 12 streams, Adam. Times each epoch, then runs the held-out person's whole
 * recording through the network and scores every step. Single-threaded Node, not a browser worker.
 */
import { emitResult } from './workloads.mjs';
import { createSession } from '../src/lib/training/session';
import { configOf, schema } from '../src/lib/widgets/activity-trainer/model';
import { defaults } from '../src/lib/widgets/params';

const quick = process.argv.includes('--quick');
const epochs = quick ? 1 : 2;
const values = { ...defaults(schema), setup: 'lecture' as const, epochs, seed: 1 };
const config = configOf(values);
const setupStart = performance.now();
const session = createSession(config);
const setupSeconds = (performance.now() - setupStart) / 1000;
const perEpoch = Math.ceil(config.steps / epochs);
const rows: { epoch: number; trainSeconds: number; evalSeconds: number; accuracy: number; near: number | null; elsewhere: number | null; loss: number }[] = [];
let trained = 0;
for (let e = 1; e <= epochs; e++) {
	const t0 = performance.now();
	while (session.step < Math.min(config.steps, e * perEpoch)) session.runSteps(10);
	const trainSeconds = (performance.now() - t0) / 1000;
	trained += trainSeconds;
	const t1 = performance.now();
	const job = session.evaluation();
	let result = null;
	while (!(result = job.advance(() => false)));
	const report = result.steps!;
	const recent = session.history.loss.slice(-50);
	rows.push({
		epoch: e,
		trainSeconds,
		evalSeconds: (performance.now() - t1) / 1000,
		accuracy: report.accuracy,
		near: report.near.accuracy,
		elsewhere: report.elsewhere.accuracy,
		loss: recent.reduce((a, b) => a + b, 0) / recent.length
	});
	console.error(`L: epoch ${e}: ${trainSeconds.toFixed(1)} s, held-out per-step accuracy ${(100 * report.accuracy).toFixed(1)}%`);
}
const steps = session.info.sequenceLength;
emitResult({ epochs: rows, setupSeconds, stepsPerEpoch: steps, updatesPerEpoch: perEpoch, timeStepsPerSec: (steps * epochs) / trained, parameters: session.info.parameters });
