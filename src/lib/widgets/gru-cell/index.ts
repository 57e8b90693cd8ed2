import { defineWidget } from '../types';
import GruCell from './GruCell.svelte';
import { controls, normalise, schema } from './model';

export const definition = defineWidget({
	name: 'gru-cell',
	schema,
	controls,
	component: GruCell,
	normalise
});
