/**
 * `npx tsx scripts/overfit-study.ts '<lab config as JSON>' [seeds]`
 *
 * Trains a lab configuration with a validation set for each seed and prints
 * where the validation loss was lowest, how far it rose after that, and the training loss (mean
 * of 100 steps) there and at the end: the check behind the lab's overfitting example. One process,
 * one run at a time.
 */
import { DEFAULT_CONFIG } from '../src/lib/training/config';
import { createSession } from '../src/lib/training/session';

const config = { ...DEFAULT_CONFIG, ...JSON.parse(process.argv[2] ?? '{}') };
const seeds = (process.argv[3] ?? '1,2,3').split(',').map(Number);
const mean = (values: number[], end: number) => {
	const from = Math.max(0, end - 100);
	return values.slice(from, end).reduce((a, b) => a + b, 0) / (end - from);
};
for (const seed of seeds) {
	const session = createSession({ ...config, seed });
	const started = Date.now();
	while (!session.finished) session.runSteps(500);
	const v = session.validation;
	const best = v.loss.indexOf(Math.min(...v.loss));
	const h = session.history.loss;
	const at = (step: number) => mean(h, step);
	console.log(
		`seed ${seed}: train ${session.info.trainCount}, validation ${session.info.validationCount} every ${session.info.validationEvery}; ` +
			`val start ${v.loss[0].toFixed(3)}, lowest ${v.loss[best].toFixed(3)} at step ${v.step[best]}, end ${v.loss[v.loss.length - 1].toFixed(3)}; ` +
			`train loss at best ${at(Math.max(1, v.step[best])).toFixed(3)}, at end ${at(h.length).toFixed(3)}` +
			(session.earlyStop ? `; stopped early at step ${session.earlyStop.step}, best step ${session.earlyStop.bestStep}` : '') +
			` (${((Date.now() - started) / 1000).toFixed(0)} s)`
	);
}
