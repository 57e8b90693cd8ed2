import { defineWidget } from '../types';
import Power from './Power.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'power',
	schema,
	controls,
	component: Power
});
