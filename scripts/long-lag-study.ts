/**
 * `npx tsx scripts/long-lag-study.ts [--cap 12000] [--seeds 1,2,3,4,5] [--lags 10,20,30,40,60,100,150] [--variants rnn,lstm-chrono] [--out FILE]`
 *
 * Steps each network needs to reach 95 % test accuracy on the long-lag task, per lag, seed and
 * variant, with a step cap; writes the table lesson 7 shows (src/lib/widgets/long-lag/study.json
 * by default). One process, one run at a time; the file is rewritten after every run, so a cut
 * study still leaves its finished cells. Deterministic: the same arguments give the same file.
 * Once most seeds of a variant fail at a lag, its longer lags are not run (to save time; they are
 * recorded with `skipped: true`).
 */
import { writeFileSync } from 'node:fs';
import { STUDY_SETTINGS, VARIANTS, medianSteps, stepsToSolve, studyConfig, type Study, type Variant } from '../src/lib/widgets/long-lag/study';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);
const cap = Number(arg('cap', '12000'));
const seeds = list(arg('seeds', '1,2,3,4,5')).map(Number);
const lags = list(arg('lags', '10,20,30,40,60,100,150')).map(Number);
const variants = list(arg('variants', VARIANTS.join(','))) as Variant[];
const out = arg('out', 'src/lib/widgets/long-lag/study.json');
for (const v of variants) if (!VARIANTS.includes(v)) throw new Error(`unknown variant ${v}; use ${VARIANTS.join(', ')}`);

const study: Study = { settings: { ...STUDY_SETTINGS, cap, seeds, lags }, cells: [] };
const started = Date.now();
const failed = new Set<Variant>();
for (const lag of lags) {
	for (const variant of variants) {
		if (failed.has(variant)) {
			study.cells.push({ variant, lag, solvedAt: [], accuracy: [], median: null, skipped: true });
			continue;
		}
		const solvedAt: (number | null)[] = [];
		const accuracy: number[] = [];
		for (const seed of seeds) {
			const attempt = stepsToSolve(studyConfig(variant, lag, seed, cap));
			solvedAt.push(attempt.solvedAt);
			accuracy.push(attempt.accuracy);
		}
		const cell = { variant, lag, solvedAt, accuracy, median: medianSteps(solvedAt) };
		study.cells.push(cell);
		if (cell.median === null) failed.add(variant);
		writeFileSync(out, `${JSON.stringify(study, null, '\t')}\n`);
		const seconds = ((Date.now() - started) / 1000).toFixed(0);
		console.log(`${seconds}s lag ${lag} ${variant}: ${solvedAt.map((s) => s ?? `>${cap}`).join(' ')} → median ${cell.median ?? `>${cap}`}`);
	}
}
