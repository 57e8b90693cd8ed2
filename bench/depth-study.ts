/**
 * Lesson 10's depth comparison, headless: 1, 2 and 3 stacked layers trained on the same task,
 * data, seed and budget by the lab's own training code, over several seeds. Prints parameters,
 * milliseconds per training step, the mean loss of the last 10% of steps and the test score.
 * Run: npx tsx bench/depth-study.ts [task] [cell] [hidden] [steps] [seeds] [lr]
 */
import { createSession } from '../src/lib/training/session';
import { evaluateNow } from '../src/lib/training/evaluation';
import { DEFAULT_CONFIG } from '../src/lib/training/config';
import type { TaskKind, CellChoice } from '../src/lib/worker/protocol';
import { layerGradientNorms } from '../src/lib/engine/layer-gradients';
import { echoTask, toTrainingItems } from '../src/lib/engine/data';

const [task = 'echo', cell = 'lstm', hidden = '16', steps = '2000', seeds = '5', lr = '0.01', lag = '10'] = process.argv.slice(2);
for (let seed = 1; seed <= Number(seeds); seed++) {
	const row: string[] = [];
	for (const layers of [1, 2, 3]) {
		const config = {
			...DEFAULT_CONFIG,
			task: task as TaskKind,
			text: task === 'char' ? DEFAULT_CONFIG.text : '',
			cell: cell as CellChoice,
			hidden: Number(hidden),
			lr: Number(lr),
			optimizer: 'adam' as const,
			clip: 5,
			steps: Number(steps),
			seed,
			lag: Number(lag),
			layers
		};
		const session = createSession(config);
		const t0 = performance.now();
		session.runSteps(config.steps);
		const ms = (performance.now() - t0) / config.steps;
		const tail = session.history.loss.slice(-Math.ceil(config.steps / 10));
		const loss = tail.reduce((a, b) => a + b, 0) / tail.length;
		const ev = evaluateNow(session);
		const score = ev.classes ? `acc ${(ev.classes.accuracy * 100).toFixed(0)}%` : ev.forecast ? `mse ${ev.forecast.mse.toFixed(4)} (naive ${ev.forecast.naiveMse.toFixed(4)})` : '';
		// Per-layer gradient RMS on held-out echo sequences (the lesson's third widget reads the same).
		const grads = task === 'echo' ? layerGradientNorms(session.network, toTrainingItems(echoTask({ count: 100, seed: `${seed}/test` }))).parts.map((p) => p.rms.toExponential(1)).join('/') : '';
		row.push(`L${layers} p=${session.info.parameters} ${ms.toFixed(3)}ms loss ${loss.toFixed(3)} ${score} g ${grads}`);
	}
	console.log(`seed ${seed}: ${row.join(' | ')}`);
}
