import { defineWidget } from '../types';
import Tanh from './Tanh.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'tanh',
	schema,
	controls,
	component: Tanh
});
