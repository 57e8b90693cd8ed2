import { createSession, evaluateNow, DEFAULT_CONFIG, seededNetwork } from '../src/lib/worker/training';
import { toJSON } from '../src/lib/engine';
import type { TrainConfig } from '../src/lib/worker/protocol';
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
const lags = (args.lags ?? '30').split(',').map(Number);
const seeds = (args.seeds ?? '1,2,3').split(',').map(Number);
const cells = (args.cells ?? 'rnn,lstm,gru').split(',');
const steps = Number(args.steps ?? 1000);
const hidden = Number(args.hidden ?? 8);
const lr = Number(args.lr ?? 0.003);
const every = Number(args.every ?? 100);
const task = args.task ?? 'lag';
const bias = args.bias === '1';
for (const lag of lags) for (const seed of seeds) {
	const row: string[] = [];
	for (const cell of cells) {
		const config: TrainConfig = { ...DEFAULT_CONFIG, task: task as TrainConfig['task'], text: task === 'char' ? 'hello' : '', cell: cell as TrainConfig['cell'], hidden, optimizer: 'adam', lr, clip: 0, tbptt: 0, seed, lag, steps };
		if (bias && cell === 'lstm') config.gateBias = { forget: 3, input: -3 };
		const t0 = performance.now();
		const ub = Number(args.ub ?? 0);
		if (ub && cell === 'gru') config.updateBias = ub;
		if (args.reach) config.reach = true;
		const s = createSession(config);
		let solvedAt: number | null = null;
		let acc = 0;
		while (!s.finished) {
			s.runSteps(every);
			const e = evaluateNow(s);
			acc = e.classes?.accuracy ?? -(e.forecast?.mse ?? 0);
			if (solvedAt === null && e.classes && acc >= 0.9) solvedAt = s.step;
		}
		const r = evaluateNow(s).reach;
		const reach = r ? ` reach h0/hT ${(r[0] / r[r.length - 1]).toExponential(1)}` : '';
		row.push(`${cell}: ${acc.toFixed(3)} @${solvedAt ?? '-'} (${Math.round(performance.now() - t0)}ms)${reach}`);
	}
	console.log(`lag ${lag} seed ${seed} | ${row.join(' | ')}`);
}
