import { defineWidget } from '../types';
import Clipping from './Clipping.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'clipping',
	schema,
	controls,
	component: Clipping
});
