import { defineWidget } from '../types';
import ParamCounter from './ParamCounter.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'param-counter',
	schema,
	controls,
	component: ParamCounter
});
