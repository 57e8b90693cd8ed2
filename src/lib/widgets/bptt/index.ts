import type { WidgetDefinition } from '../types';
import Bptt from './Bptt.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'bptt',
	schema,
	controls,
	component: Bptt
};
