/**
 * The phone's accelerometer through `devicemotion`: asking for permission where the browser wants
 * a tap first (iOS Safari's DeviceMotionEvent.requestPermission), then handing every reading of
 * acceleration including gravity, in g, with its event time in seconds. A device with no sensor
 * (a desktop) either has no DeviceMotionEvent or never fires one with values, so silence for
 * `waitMs` after starting is reported as "no sensor".
 *
 * Readings follow the W3C convention, the one the training data use: a phone at rest reads +1 g
 * along the axis that points up (top end up: y ≈ +1). iOS browsers (all WebKit) pass Core Motion's
 * gravity vector through, which points down, so every axis comes with the opposite sign; see
 * `readingSign`.
 */

import { STANDARD_GRAVITY } from './recording';

/** accelerationIncludingGravity (m/s², any field may be null) in g, or null when the device gave none. */
export function readingInG(a: { x: number | null; y: number | null; z: number | null } | null | undefined): [number, number, number] | null {
	if (!a || a.x === null || a.y === null || a.z === null) return null;
	const v: [number, number, number] = [a.x / STANDARD_GRAVITY, a.y / STANDARD_GRAVITY, a.z / STANDARD_GRAVITY];
	return v.every(Number.isFinite) ? v : null;
}

/** Readings the sign is decided from: about a tenth of a second at 60–100 Hz. */
export const SIGN_READINGS = 8;

/**
 * +1 when readings follow the W3C convention, −1 when every axis is flipped (iOS). The first
 * readings come while the student still holds the phone after tapping Start, screen up or facing
 * them: y + z is then clearly positive in the W3C convention and clearly negative when flipped. Only
 * when those readings are ambiguous (the phone held flat on its edge, or shaken) does the platform
 * decide: iOS exposes `DeviceMotionEvent.requestPermission`, other browsers do not.
 */
export function readingSign(first: readonly (readonly [number, number, number])[], asksPermission: boolean): 1 | -1 {
	if (first.length > 0) {
		const upward = first.reduce((sum, [, y, z]) => sum + y + z, 0) / first.length;
		if (upward > 0.5) return 1;
		if (upward < -0.5) return -1;
	}
	return asksPermission ? -1 : 1;
}

/**
 * Hands readings on in the W3C convention: the first SIGN_READINGS wait (a tenth of a second)
 * until `readingSign` has decided, then go out in order, and every later one at once.
 */
export function signedReadings(
	asksPermission: boolean,
	onReading: (seconds: number, x: number, y: number, z: number) => void
): (seconds: number, g: [number, number, number]) => void {
	let sign: 1 | -1 | null = null;
	const held: { seconds: number; g: [number, number, number] }[] = [];
	return (seconds, g) => {
		if (sign !== null) return onReading(seconds, sign * g[0], sign * g[1], sign * g[2]);
		held.push({ seconds, g });
		if (held.length < SIGN_READINGS) return;
		const decided = readingSign(held.map((h) => h.g), asksPermission);
		sign = decided;
		for (const h of held.splice(0)) onReading(h.seconds, decided * h.g[0], decided * h.g[1], decided * h.g[2]);
	};
}

export type MotionProblem = 'none' | 'denied';
export type MotionStart = { ok: true; stop: () => void } | { ok: false; problem: MotionProblem; message: string };

const NO_SENSOR =
	'This device has no motion sensor the page can read (a desktop or laptop has none; on a phone the page must be opened over https). Open it on a phone, or import a CSV file instead.';

interface PermissionAsking {
	requestPermission?: () => Promise<'granted' | 'denied' | 'default'>;
}

/** Call from a tap or click handler: iOS only grants permission during one. */
export async function startMotion(
	onReading: (seconds: number, x: number, y: number, z: number) => void,
	onSilent: (message: string) => void,
	waitMs: number
): Promise<MotionStart> {
	if (typeof window === 'undefined' || typeof DeviceMotionEvent === 'undefined') return { ok: false, problem: 'none', message: NO_SENSOR };
	const asking = DeviceMotionEvent as unknown as PermissionAsking;
	if (typeof asking.requestPermission === 'function') {
		let answer: string;
		try {
			answer = await asking.requestPermission();
		} catch {
			answer = 'denied';
		}
		if (answer !== 'granted') {
			return {
				ok: false,
				problem: 'denied',
				message: 'The browser did not allow the page to read motion. Tap Start again and choose Allow (on an iPhone, Settings › Safari may also need motion access).'
			};
		}
	}
	let heard = false;
	const signed = signedReadings(typeof asking.requestPermission === 'function', onReading);
	const listener = (event: DeviceMotionEvent) => {
		const g = readingInG(event.accelerationIncludingGravity);
		if (!g) return;
		heard = true;
		signed(event.timeStamp / 1000, g);
	};
	window.addEventListener('devicemotion', listener);
	const stop = () => {
		clearTimeout(timer);
		window.removeEventListener('devicemotion', listener);
	};
	const timer = setTimeout(() => {
		if (heard) return;
		stop();
		onSilent(NO_SENSOR);
	}, waitMs);
	return { ok: true, stop };
}
