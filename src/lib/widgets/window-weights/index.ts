import { defineWidget } from '../types';
import WindowWeights from './WindowWeights.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'window-weights',
	schema,
	controls,
	component: WindowWeights
});
