/**
 * Checks the engine against reference files (format `rnn-reference/1`, see tests/reference/FORMAT.md).
 *
 *   npm run check:reference -- FILE [FILE …]      (default: tests/reference/cases.json)
 *
 * Prints one line per case — PASS/FAIL, name, worst relative error and where — then every problem
 * of a failing case. Exits 1 on any mismatch, missing value or case that cannot run, 2 when a
 * file cannot be read.
 */

import { readFileSync } from 'node:fs';
import { checkReferenceFile, REFERENCE_TOLERANCE, type CaseResult } from '../src/lib/engine/reference';

const files = process.argv.slice(2).filter((a) => a !== '--');
if (files.length === 0) files.push('tests/reference/cases.json');

function line(result: CaseResult): string {
	const worst = Number.isFinite(result.worst) ? result.worst.toExponential(2) : '—';
	const at = result.where ? ` at ${result.where}` : '';
	return `${result.pass ? 'PASS' : 'FAIL'}  ${result.name.padEnd(28)} worst rel. error ${worst}${at}`;
}

let failures = 0;
let cases = 0;
let unreadable = 0;
for (const file of files) {
	let results: CaseResult[];
	try {
		results = checkReferenceFile(JSON.parse(readFileSync(file, 'utf8')));
	} catch (e) {
		console.error(`${file}: cannot check: ${(e as Error).message}`);
		unreadable++;
		continue;
	}
	console.log(`${file} (tolerance ${REFERENCE_TOLERANCE})`);
	for (const result of results) {
		cases++;
		console.log(line(result));
		if (!result.pass) {
			failures++;
			for (const problem of result.problems.slice(0, 20)) console.log(`        ${problem}`);
			if (result.problems.length > 20) console.log(`        … and ${result.problems.length - 20} more`);
		}
	}
}
console.log(`${cases - failures} of ${cases} cases pass${unreadable ? `; ${unreadable} file(s) could not be read` : ''}.`);
process.exit(unreadable ? 2 : failures ? 1 : 0);
