import type { WidgetDefinition } from '../types';
import LossExplorer from './LossExplorer.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'loss-explorer',
	schema,
	controls,
	component: LossExplorer
};
