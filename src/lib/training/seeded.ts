/**
 * The untrained network of a configuration, given its task's input and output sizes: apart from
 * `seededNetwork` (./network) so that a page that knows the sizes does not bundle every task.
 */
import { buildNetwork, type Network } from '$lib/engine';
import type { TrainConfig } from '$lib/worker/protocol';

export function networkOfShape(config: TrainConfig, shape: { inputSize: number; outputSize: number }): Network {
	const gates = {
		...(config.gateBias ? { forgetBias: config.gateBias.forget, inputBias: config.gateBias.input } : {}),
		...(config.updateBias ? { updateBias: config.updateBias } : {})
	};
	const layers = Array.from({ length: config.layers ?? 1 }, () => ({ cell: config.cell, hiddenSize: config.hidden }));
	return buildNetwork({ inputSize: shape.inputSize, layers, outputSize: shape.outputSize }, { seed: config.seed, ...gates });
}
