import { defineWidget } from '../types';
import Windows from './Windows.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'windows',
	schema,
	controls,
	component: Windows
});
