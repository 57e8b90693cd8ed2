import { defineWidget } from '../types';
import Sampler from './Sampler.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'sampler',
	schema,
	controls,
	component: Sampler
});
