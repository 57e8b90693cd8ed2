import type { WidgetDefinition } from '../types';
import Tanh from './Tanh.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'tanh',
	schema,
	controls,
	component: Tanh
};
