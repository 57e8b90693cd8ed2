/**
 * The phone's accelerometer through `devicemotion`: asking for permission where the browser wants
 * a tap first (iOS Safari's DeviceMotionEvent.requestPermission), then handing every reading of
 * acceleration including gravity, in g, with its event time in seconds. A device with no sensor
 * (a desktop) either has no DeviceMotionEvent or never fires one with values, so silence for
 * `waitMs` after starting is reported as "no sensor".
 */

import { STANDARD_GRAVITY } from './recording';

/** accelerationIncludingGravity (m/s², any field may be null) in g, or null when the device gave none. */
export function readingInG(a: { x: number | null; y: number | null; z: number | null } | null | undefined): [number, number, number] | null {
	if (!a || a.x === null || a.y === null || a.z === null) return null;
	const v: [number, number, number] = [a.x / STANDARD_GRAVITY, a.y / STANDARD_GRAVITY, a.z / STANDARD_GRAVITY];
	return v.every(Number.isFinite) ? v : null;
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
	const listener = (event: DeviceMotionEvent) => {
		const g = readingInG(event.accelerationIncludingGravity);
		if (!g) return;
		heard = true;
		onReading(event.timeStamp / 1000, g[0], g[1], g[2]);
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
