// A small recording with a few unlabelled steps first, for the activity tests.
import { NO_LABEL, type Recording } from '$lib/activity/recording';

export function sampleRecording(id: string, steps: number, name = id): Recording {
	const xyz = new Float64Array(steps * 3);
	const labels = new Int8Array(steps);
	for (let t = 0; t < steps; t++) {
		xyz[3 * t] = Math.sin(t / 7) * 0.5;
		xyz[3 * t + 1] = -0.02 + t * 1e-4;
		xyz[3 * t + 2] = 1 + Math.cos(t / 3) * 0.25;
		labels[t] = t < 5 ? NO_LABEL : t % 5;
	}
	return { id, name, source: 'recorded', rate: 50, xyz, labels, createdAt: 1_796_000_000_000 };
}
