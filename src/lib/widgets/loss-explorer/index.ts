import { defineWidget } from '../types';
import LossExplorer from './LossExplorer.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'loss-explorer',
	schema,
	controls,
	component: LossExplorer
});
