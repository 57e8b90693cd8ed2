import { defineWidget } from '../types';
import LstmCell from './LstmCell.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'lstm-cell',
	schema,
	controls,
	component: LstmCell
});
