/**
 * The network a configuration trains: the seeded one a run starts from (the same on the page and
 * in the worker), and saved weights checked against the configuration before they are used.
 */
import { buildNetwork, fromJSON, type Network } from '$lib/engine';
import type { TrainConfig } from '$lib/worker/protocol';
import { TrainingError } from './config';
import { networkShape } from './tasks';

/** The untrained network a run of this configuration starts from. */
export function seededNetwork(config: TrainConfig): Network {
	const { inputSize, outputSize } = networkShape(config);
	const gates = {
		...(config.gateBias ? { forgetBias: config.gateBias.forget, inputBias: config.gateBias.input } : {}),
		...(config.updateBias ? { updateBias: config.updateBias } : {})
	};
	const layers = Array.from({ length: config.layers ?? 1 }, () => ({ cell: config.cell, hiddenSize: config.hidden }));
	return buildNetwork({ inputSize, layers, outputSize }, { seed: config.seed, ...gates });
}

const CELL_NAMES: Record<string, string> = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' };

/**
 * Reads saved weights and checks they are the network this configuration trains: `layers` layers
 * (default one) of the configured cell and size, and the task's input and output sizes.
 */
export function networkForConfig(json: unknown, config: TrainConfig): Network {
	let network: Network;
	try {
		network = fromJSON(json);
	} catch (error) {
		throw new TrainingError(`The saved weights cannot be read: ${(error as Error).message}`);
	}
	const shape = networkShape(config);
	const layer = network.layers[0];
	const describe = (cell: string, hidden: number, input: number, output: number, layers = 1) =>
		`${layers === 1 ? '' : `${layers} layers of `}${CELL_NAMES[cell] ?? cell} with ${hidden} hidden units, ${input} inputs and ${output} outputs`;
	const depth = config.layers ?? 1;
	if (
		network.layers.length !== depth ||
		network.layers.some((l) => l.cell !== config.cell || l.hiddenSize !== config.hidden) ||
		network.inputSize !== shape.inputSize ||
		network.outputSize !== shape.outputSize
	) {
		throw new TrainingError(
			`The saved weights do not fit the configuration: they are ${describe(layer.cell, layer.hiddenSize, network.inputSize, network.outputSize, network.layers.length)}, ` +
				`but the configuration needs ${describe(config.cell, config.hidden, shape.inputSize, shape.outputSize, depth)}.`
		);
	}
	return network;
}
