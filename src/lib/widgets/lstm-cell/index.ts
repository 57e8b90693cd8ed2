import type { WidgetDefinition } from '../types';
import LstmCell from './LstmCell.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'lstm-cell',
	schema,
	controls,
	component: LstmCell
};
