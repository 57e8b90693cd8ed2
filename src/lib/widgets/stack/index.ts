import { defineWidget } from '../types';
import Stack from './Stack.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'stack',
	schema,
	controls,
	component: Stack
});
