import type { WidgetDefinition } from '../types';
import Confusion from './Confusion.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'confusion',
	schema,
	controls,
	component: Confusion
};
