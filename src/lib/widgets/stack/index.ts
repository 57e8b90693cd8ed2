import type { WidgetDefinition } from '../types';
import Stack from './Stack.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'stack',
	schema,
	controls,
	component: Stack
};
