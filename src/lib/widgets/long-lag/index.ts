import type { WidgetDefinition } from '../types';
import LongLag from './LongLag.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'long-lag',
	schema,
	controls,
	component: LongLag
};
