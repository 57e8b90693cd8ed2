import type { WidgetDefinition } from '../types';
import Power from './Power.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'power',
	schema,
	controls,
	component: Power
};
