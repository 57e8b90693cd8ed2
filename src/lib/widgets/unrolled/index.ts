import type { WidgetDefinition } from '../types';
import Unrolled from './Unrolled.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'unrolled',
	schema,
	controls,
	component: Unrolled
};
