/**
 * Checking lesson 13's `perStep` configuration without the engine or the generator, so the
 * configuration check (`config.ts`, loaded by pages) stays light.
 */
import { ACTIVITY_COUNT, LECTURE_LENGTHS, LECTURE_PEOPLE } from '$lib/activity/constants';
import { show } from './config';

export const PER_STEP_LIMITS = { people: { min: 1, max: LECTURE_LENGTHS.length }, streams: { min: 1, max: 64 }, heldOut: { min: 0, max: LECTURE_PEOPLE - 1 }, extraSteps: 200_000 } as const;

/** Problems with a `perStep` value, as sentences (none: it is usable). */
export function perStepProblems(raw: unknown): string[] {
	if (typeof raw !== 'object' || raw === null) return [`perStep must be { people, streams }, but it is ${show(raw)}.`];
	const value = raw as Record<string, unknown>;
	const problems: string[] = [];
	for (const name of ['people', 'streams'] as const) {
		const { min, max } = PER_STEP_LIMITS[name];
		const v = value[name];
		if (!(typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max)) problems.push(`perStep.${name} must be a whole number from ${min} to ${max}, but it is ${show(v)}.`);
	}
	if (value.heldOut !== undefined) {
		const { min, max } = PER_STEP_LIMITS.heldOut;
		const v = value.heldOut;
		if (!(typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max)) problems.push(`perStep.heldOut must be a whole number from ${min} to ${max} (the person left out), but it is ${show(v)}.`);
	}
	if (value.augment !== undefined) {
		const a = value.augment as Record<string, unknown> | null;
		const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 180;
		if (!(typeof a === 'object' && a !== null && ok(a.yaw) && ok(a.tilt))) problems.push(`perStep.augment must be { yaw, tilt } in degrees from 0 to 180, but it is ${show(value.augment)}.`);
	}
	if (value.schedule !== undefined) {
		const a = value.schedule as Record<string, unknown> | null;
		const ok = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
		if (!(typeof a === 'object' && a !== null && ok(a.warmup) && ok(a.floor))) problems.push(`perStep.schedule must be { warmup, floor }, each a fraction from 0 to 1, but it is ${show(value.schedule)}.`);
	}
	if (value.even !== undefined && typeof value.even !== 'boolean') problems.push(`perStep.even must be true or false, but it is ${show(value.even)}.`);
	if (value.validation !== undefined && !(typeof value.validation === 'number' && value.validation >= 0 && value.validation <= 0.5)) {
		problems.push(`perStep.validation must be a fraction from 0 to 0.5, but it is ${show(value.validation)}.`);
	}
	if (value.validationPerson !== undefined) {
		const v = value.validationPerson;
		const people = typeof value.people === 'number' ? value.people : 0;
		if (!(typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < people && people >= 2)) problems.push(`perStep.validationPerson must be a whole number from 0 to ${Math.max(0, people - 1)} (a training person, with at least two), but it is ${show(v)}.`);
	}
	if (value.extra !== undefined) {
		if (!Array.isArray(value.extra)) problems.push(`perStep.extra must be a list of recordings, but it is ${show(value.extra)}.`);
		else {
			let total = 0;
			value.extra.forEach((r: unknown, i) => {
				const rec = r as Record<string, unknown> | null;
				const ok =
					rec !== null &&
					typeof rec === 'object' &&
					typeof rec.name === 'string' &&
					Array.isArray(rec.xyz) &&
					Array.isArray(rec.labels) &&
					rec.xyz.length === 3 * rec.labels.length &&
					rec.labels.length > 0 &&
					rec.xyz.every((x) => typeof x === 'number' && Number.isFinite(x)) &&
					rec.labels.every((l) => Number.isInteger(l) && l >= -1 && l < ACTIVITY_COUNT);
				if (!ok) problems.push(`perStep.extra[${i}] must be { name, xyz (3 numbers a step), labels (−1 to ${ACTIVITY_COUNT - 1}) }.`);
				else total += (rec.labels as unknown[]).length;
			});
			if (total > PER_STEP_LIMITS.extraSteps) problems.push(`The added recordings have ${total.toLocaleString('en')} steps; the trainer takes at most ${PER_STEP_LIMITS.extraSteps.toLocaleString('en')}.`);
		}
	}
	return problems;
}

