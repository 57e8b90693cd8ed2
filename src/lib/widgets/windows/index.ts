import type { WidgetDefinition } from '../types';
import Windows from './Windows.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'windows',
	schema,
	controls,
	component: Windows
};
