/**
 * Lesson 13's trainer for `npm run bench` (section L): `node --import tsx bench/activity-epoch.ts [--quick]`.
 *
 * The very session the activity trainer's worker runs (`createSession` with `perStep`), two setups:
 * - the lecture's: LSTM 100 → dense 5, per-step cross-entropy, truncated BPTT in chunks of 50 steps
 *   over the six training recordings cut into 12 streams, Adam (one epoch with --quick, else two);
 * - the recommended: LSTM 32 on turned copies, the best epoch on the training people's
 *   validation slice kept (its own number of epochs; skipped with --quick).
 * Times each epoch (wall and CPU seconds), then runs the held-out person's whole recording through
 * the network and scores every step (the held-out pass is not timed and chooses nothing).
 * Single-threaded Node, not a browser worker.
 */
import { emitResult } from './workloads.mjs';
import { createSession } from '../src/lib/training/session';
import type { PerStepSession } from '../src/lib/training/activity-steps';
import { configOf, SETUPS, schema, type SetupName } from '../src/lib/widgets/activity-trainer/model';
import { defaults } from '../src/lib/widgets/params';
import type { Evaluation } from '../src/lib/worker/protocol';

const quick = process.argv.includes('--quick');

function heldOut(session: PerStepSession): Evaluation {
	const job = session.evaluation();
	let result = null;
	while (!(result = job.advance(() => false)));
	return result;
}

function trainSetup(setup: SetupName, epochs: number) {
	const config = configOf({ ...defaults(schema), setup, epochs, seed: 1 });
	const setupStart = performance.now();
	const session = createSession(config) as PerStepSession;
	const setupSeconds = (performance.now() - setupStart) / 1000;
	const perEpoch = session.updatesPerEpoch;
	const rows: { epoch: number; trainSeconds: number; cpuSeconds: number; evalSeconds: number; accuracy: number; validation: number | null; near: number | null; elsewhere: number | null; loss: number }[] = [];
	let trained = 0;
	let trainedCpu = 0;
	for (let e = 1; e <= epochs && !session.finished; e++) {
		const cpu0 = process.cpuUsage();
		const t0 = performance.now();
		// to the epoch's end, and through the session's own validation pass when it has one
		while (!session.finished && (session.step < Math.min(config.steps, e * perEpoch) || (session.selection?.scores.length ?? e) < e)) session.runSteps(10);
		const trainSeconds = (performance.now() - t0) / 1000;
		const cpu = process.cpuUsage(cpu0);
		const cpuSeconds = (cpu.user + cpu.system) / 1e6;
		trained += trainSeconds;
		trainedCpu += cpuSeconds;
		const t1 = performance.now();
		const report = heldOut(session).steps!;
		const recent = session.history.loss.slice(-50);
		const scores = session.selection?.scores ?? [];
		rows.push({
			epoch: e,
			trainSeconds,
			cpuSeconds,
			evalSeconds: (performance.now() - t1) / 1000,
			accuracy: report.accuracy,
			validation: scores.length ? scores[scores.length - 1].accuracy : null,
			near: report.near.accuracy,
			elsewhere: report.elsewhere.accuracy,
			loss: recent.reduce((a, b) => a + b, 0) / recent.length
		});
		console.error(`L ${setup}: epoch ${e}: ${trainSeconds.toFixed(1)} s, held-out per-step accuracy ${(100 * report.accuracy).toFixed(1)}%`);
	}
	const final = heldOut(session);
	const at90 = rows.findIndex((r) => r.accuracy >= 0.9);
	return {
		setup,
		epochs: rows,
		setupSeconds,
		stepsPerEpoch: session.info.sequenceLength,
		updatesPerEpoch: perEpoch,
		timeStepsPerSec: (session.info.sequenceLength * rows.length) / trained,
		parameters: session.info.parameters,
		trainSeconds: trained,
		trainCpuSeconds: trainedCpu,
		kept: final.selection?.kept ?? null,
		finalAccuracy: final.steps!.accuracy,
		// training seconds until the end of the first epoch at ≥ 90 % held-out (null: never)
		secondsTo90: at90 < 0 ? null : rows.slice(0, at90 + 1).reduce((sum, r) => sum + r.trainSeconds, 0),
		epochTo90: at90 < 0 ? null : at90 + 1
	};
}

const lecture = trainSetup('lecture', quick ? 1 : 2);
const recommended = quick ? null : trainSetup('recommended', SETUPS.recommended.epochs);
emitResult({ ...lecture, recommended });
