import { defineWidget } from '../types';
import Jacobians from './Jacobians.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'jacobians',
	schema,
	controls,
	component: Jacobians
});
