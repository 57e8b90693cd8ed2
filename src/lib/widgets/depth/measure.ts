/**
 * The gradients of the untrained stacks, measured on the page: a stack takes milliseconds, while a
 * worker would first have to load the whole training code. The sequences are added in slices of
 * about `sliceMs`, the main thread free in between, so no task grows long even on a slow phone.
 */
import type { LayerGradientReport } from '$lib/engine/layer-gradients';
import { startGradientJob } from '$lib/training/layer-gradients';
import type { TrainConfig } from '$lib/worker/protocol';

const pause = () =>
	new Promise<void>((resolve) => {
		if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 100 });
		else setTimeout(resolve, 0);
	});

/** The report `runGradients` gives in the worker, bit for bit; null once `wanted()` turns false. */
export async function measureStartGradients(config: TrainConfig, wanted: () => boolean, sliceMs = 8): Promise<LayerGradientReport | null> {
	const { sum, batch } = startGradientJob(config);
	let next = 0;
	while (next < batch.length) {
		await pause();
		if (!wanted()) return null;
		const until = performance.now() + sliceMs;
		do sum.add(batch[next++]);
		while (next < batch.length && performance.now() < until);
	}
	return sum.report();
}
