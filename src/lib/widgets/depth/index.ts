import type { WidgetDefinition } from '../types';
import Depth from './Depth.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'depth',
	schema,
	controls,
	component: Depth
};
