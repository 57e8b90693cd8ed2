/**
 * Every embeddable widget, by the name used in /embed/<name>. Definitions load on demand so an
 * embed page ships only the widget it shows.
 */
import type { WidgetDefinition } from './types';

export interface WidgetEntry {
	name: string;
	title: string;
	summary: string;
	load: () => Promise<WidgetDefinition>;
}

const entries: WidgetEntry[] = [
	{
		name: 'bag-of-words',
		title: 'Bag-of-words comparer',
		summary: 'Two sentences, their word-count vectors side by side: word order is lost.',
		load: async () => (await import('./bag-of-words')).definition
	},
	{
		name: 'param-counter',
		title: 'Parameter counter',
		summary: 'Weight matrices, shapes and parameter counts of an RNN, LSTM or GRU stack.',
		load: async () => (await import('./param-counter')).definition
	},
	{
		name: 'tanh',
		title: 'tanh squashing',
		summary: 'Drag a pre-activation through tanh: the output, its slope, and how saturation kills gradients.',
		load: async () => (await import('./tanh')).definition
	},
	{
		name: 'unrolled',
		title: 'Unrolled RNN, step by step',
		summary: 'An RNN unfolded in time: step through h_t = tanh(W_xh x_t + W_hh h_{t−1} + b) with every number editable.',
		load: async () => (await import('./unrolled')).definition
	},
	{
		name: 'bptt',
		title: 'Backpropagation through time',
		summary: 'The unrolled RNN run backwards: ∂L_T/∂W as a sum over steps, every term a number, checked by finite differences, with truncation.',
		load: async () => (await import('./bptt')).definition
	},
	{
		name: 'windows',
		title: 'Window maker',
		summary: 'Cut a time series into windows of a chosen length and stride: the rows, the dropped tail, the tensor shape.',
		load: async () => (await import('./windows')).definition
	},
	{
		name: 'tokens',
		title: 'Tokens and one-hot',
		summary: 'Texts split into characters or words, a vocabulary with <pad> <sos> <eos> <unk>, one-hot rows, and a padded batch with its mask.',
		load: async () => (await import('./tokens')).definition
	},
	{
		name: 'window-weights',
		title: 'A weight matrix on a window',
		summary: 'W times one window x, every product w_ij · x_j shown and summed: what a layer does to one step.',
		load: async () => (await import('./window-weights')).definition
	},
	{
		name: 'trainer',
		title: 'Training lab',
		summary: 'Train an RNN, LSTM or GRU live on five tasks: loss and gradient-norm curves, runs compared, results per task.',
		load: async () => (await import('./trainer')).definition
	},
	{
		name: 'power',
		title: 'Power sequence',
		summary: 'A factor multiplied in step after step: 0.9ⁿ fades, 1.5ⁿ explodes. Table and log-scale chart.',
		load: async () => (await import('./power')).definition
	},
	{
		name: 'jacobians',
		title: 'Jacobian norms through time',
		summary: 'A live RNN’s ‖∂h_t/∂h_k‖ as a heatmap: scale W_hh’s spectral radius, saturate tanh, watch gradients fade or blow up.',
		load: async () => (await import('./jacobians')).definition
	},
	{
		name: 'clipping',
		title: 'Clipping by value and by norm',
		summary: 'One gradient clipped two ways at the same threshold: by value each entry is clamped and the direction turns; by norm the length is capped and the direction kept.',
		load: async () => (await import('./clipping')).definition
	},
	{
		name: 'long-lag',
		title: 'Long-lag memory: RNN, clipped RNN, LSTM',
		summary: 'Three networks trained side by side on remembering a class across distractor steps: the plain RNN fails as the lag grows, clipping does not help, the LSTM remembers.',
		load: async () => (await import('./long-lag')).definition
	},
	{
		name: 'lstm-cell',
		title: 'LSTM cell, step by step',
		summary: 'An LSTM unfolded in time: input, forget and output gates, candidate, c_t and h_t, every number editable; clamp a gate and compare ∂c_T/∂c_k = ∏ f with a plain RNN’s chain.',
		load: async () => (await import('./lstm-cell')).definition
	},
	{
		name: 'paradigms',
		title: 'Input and output shapes',
		summary: 'One-to-one, one-to-many, many-to-one and many-to-many (aligned or encoder–decoder) as an unrolled RNN: which steps take an input, which carry a target.',
		load: async () => (await import('./paradigms')).definition
	},
	{
		name: 'loss-explorer',
		title: 'Loss over time',
		summary: 'Set the probability of the right character at each step: J_t = −log p_t, their sum J and mean, steps without a target, from the engine’s cross-entropy.',
		load: async () => (await import('./loss-explorer')).definition
	},
	{
		name: 'confusion',
		title: 'Confusion matrix',
		summary: 'Edit a confusion matrix: overall accuracy, accuracy per class and precision, and how a rare class hides behind a high accuracy.',
		load: async () => (await import('./confusion')).definition
	},
	{
		name: 'activity-data',
		title: 'Activity data explorer',
		summary: 'Seven synthetic people’s 3-axis accelerometer recordings at 50 Hz, the activity bands coloured, zoomable from the whole recording to a few seconds, with their lengths.',
		load: async () => (await import('./activity-data')).definition
	},
	{
		name: 'activity-record',
		title: 'Record your own activity',
		summary: 'A phone’s accelerometer recorded live at 50 Hz, labelled by tapping the activity, named step by step by the trained network; CSV import and export.',
		load: async () => (await import('./activity-record')).definition
	},
	{
		name: 'activity-trainer',
		title: 'Activity recognition trainer',
		summary: 'The lecture’s LSTM 100 → dense 5 trained in the worker to name the activity at every step of whole accelerometer recordings (truncated BPTT, state carried across chunks), judged on a held-out person: accuracy, confusion matrix, timeline, accuracy near activity changes.',
		load: async () => (await import('./activity-trainer')).definition
	},
	{
		name: 'sampler',
		title: 'Sampling a character model',
		summary: 'Train a character model on “hello” (or your text), then generate step by step: one-hot in, softmax out, temperature, seeded draws.',
		load: async () => (await import('./sampler')).definition
	},
	{
		name: 'forecaster',
		title: 'Forecaster',
		summary: 'Train on a sine wave with noise (or your numbers) with windows and mean squared error; forecast one step and many steps ahead.',
		load: async () => (await import('./forecaster')).definition
	},
	{
		name: 'gru-cell',
		title: 'GRU cell, step by step',
		summary: 'Reset and update gates, the candidate and h_t = (1 − z) ⊙ n + z ⊙ h_{t−1} over a few steps, every number editable; switch where the reset gate acts.',
		load: async () => (await import('./gru-cell')).definition
	},
	{
		name: 'cell-race',
		title: 'Cell race: RNN, LSTM, GRU',
		summary: 'The three cells trained side by side on one task, data and seed, at equal units or equal parameters: losses, test scores and how far back the gradient reaches.',
		load: async () => (await import('./cell-race')).definition
	},
	{
		name: 'stack',
		title: 'Stack builder: shapes and parameters',
		summary: 'Stack recurrent layers with or without return_sequences: the tensor shape between layers and each layer’s parameters in Keras and PyTorch.',
		load: async () => (await import('./stack')).definition
	},
	{
		name: 'depth',
		title: 'Depth compared: 1, 2 and 3 layers',
		summary: 'One, two and three stacked layers trained side by side on the echo task: parameters, time per step, final loss, test accuracy, and the gradient each layer receives.',
		load: async () => (await import('./depth')).definition
	},
];

export const widgets: readonly WidgetEntry[] = entries;

export function findWidget(name: string): WidgetEntry | undefined {
	return entries.find((entry) => entry.name === name);
}
