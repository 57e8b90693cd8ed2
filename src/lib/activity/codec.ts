/**
 * How a Recording is written as text for the browser's storage and the backup file: the axes as
 * little-endian float32 in base64 (about 16 characters a step instead of ~60 as JSON numbers, so
 * long recordings fit in localStorage), the labels as int8 in base64. Float32 keeps 7 significant
 * digits: finer than any phone accelerometer resolves (~0.001 g).
 */

import { ACTIVITIES } from '$lib/engine/data/activity';
import { NO_LABEL, type Recording } from './recording';

export const RECORDING_FORMAT = 'unrolled-recording/1';
const SOURCES = ['synthetic', 'recorded', 'imported'] as const;

export interface StoredRecording {
	format: typeof RECORDING_FORMAT;
	id: string;
	name: string;
	source: Recording['source'];
	rate: number;
	steps: number;
	createdAt?: number;
	xyz: string;
	labels: string;
}

function toBase64(bytes: Uint8Array): string {
	let text = '';
	// Chunks keep String.fromCharCode's argument list far below engines' limits.
	for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(text);
}

function fromBase64(text: string): Uint8Array | null {
	let binary: string;
	try {
		binary = atob(text);
	} catch {
		return null;
	}
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}

export function encodeRecording(recording: Recording): StoredRecording {
	const axes = new Float32Array(recording.xyz);
	const view = new DataView(new ArrayBuffer(axes.length * 4));
	axes.forEach((v, i) => view.setFloat32(i * 4, v, true));
	return {
		format: RECORDING_FORMAT,
		id: recording.id,
		name: recording.name,
		source: recording.source,
		rate: recording.rate,
		steps: recording.labels.length,
		...(recording.createdAt === undefined ? {} : { createdAt: recording.createdAt }),
		xyz: toBase64(new Uint8Array(view.buffer)),
		labels: toBase64(new Uint8Array(recording.labels.buffer, recording.labels.byteOffset, recording.labels.length))
	};
}

export type DecodeResult = { ok: true; recording: Recording } | { ok: false; message: string };

/** Reads a stored recording back, checking every field; a damaged one is refused, never half-read. */
export function decodeRecording(raw: unknown): DecodeResult {
	const fail = (message: string): DecodeResult => ({ ok: false, message });
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('it is not a recording object');
	const r = raw as Record<string, unknown>;
	if (r.format !== RECORDING_FORMAT) return fail(`its format is “${String(r.format)}”, not “${RECORDING_FORMAT}”`);
	if (typeof r.id !== 'string' || r.id === '') return fail('it has no id');
	if (typeof r.name !== 'string') return fail('it has no name');
	if (!SOURCES.includes(r.source as Recording['source'])) return fail(`its source “${String(r.source)}” is unknown`);
	if (typeof r.rate !== 'number' || !(r.rate > 0 && r.rate <= 1000)) return fail('its sample rate is not between 0 and 1000 Hz');
	if (typeof r.steps !== 'number' || !Number.isInteger(r.steps) || r.steps < 0) return fail('its step count is not a whole number');
	if (r.createdAt !== undefined && (typeof r.createdAt !== 'number' || !Number.isFinite(r.createdAt))) return fail('its date is not a number');
	const axes = typeof r.xyz === 'string' ? fromBase64(r.xyz) : null;
	const labelBytes = typeof r.labels === 'string' ? fromBase64(r.labels) : null;
	if (!axes || axes.length !== r.steps * 12) return fail(`its axes do not hold ${r.steps} steps`);
	if (!labelBytes || labelBytes.length !== r.steps) return fail(`its labels do not hold ${r.steps} steps`);
	const view = new DataView(axes.buffer);
	const xyz = new Float64Array(r.steps * 3);
	for (let i = 0; i < xyz.length; i++) {
		xyz[i] = view.getFloat32(i * 4, true);
		if (!Number.isFinite(xyz[i])) return fail(`step ${Math.floor(i / 3) + 1} has a value that is not a number`);
	}
	const labels = new Int8Array(labelBytes.buffer);
	for (let t = 0; t < labels.length; t++) {
		if (labels[t] !== NO_LABEL && !(labels[t] >= 0 && labels[t] < ACTIVITIES.length)) return fail(`step ${t + 1} has an unknown label ${labels[t]}`);
	}
	const recording: Recording = { id: r.id, name: r.name, source: r.source as Recording['source'], rate: r.rate, xyz, labels };
	if (typeof r.createdAt === 'number') recording.createdAt = r.createdAt;
	return { ok: true, recording };
}
