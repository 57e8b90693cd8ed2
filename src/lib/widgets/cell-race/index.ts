import type { WidgetDefinition } from '../types';
import CellRace from './CellRace.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'cell-race',
	schema,
	controls,
	component: CellRace
};
