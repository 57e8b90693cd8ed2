import { defineWidget } from '../types';
import CellRace from './CellRace.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'cell-race',
	schema,
	controls,
	component: CellRace
});
