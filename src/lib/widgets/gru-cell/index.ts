import type { WidgetDefinition } from '../types';
import GruCell from './GruCell.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'gru-cell',
	schema,
	controls,
	component: GruCell
};
