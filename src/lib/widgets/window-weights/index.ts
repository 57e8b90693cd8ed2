import type { WidgetDefinition } from '../types';
import WindowWeights from './WindowWeights.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'window-weights',
	schema,
	controls,
	component: WindowWeights
};
