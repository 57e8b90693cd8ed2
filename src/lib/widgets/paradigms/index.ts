import { defineWidget } from '../types';
import Paradigms from './Paradigms.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'paradigms',
	schema,
	controls,
	component: Paradigms
});
