import { defineWidget } from '../types';
import Confusion from './Confusion.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'confusion',
	schema,
	controls,
	component: Confusion
});
