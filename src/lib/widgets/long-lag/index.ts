import { defineWidget } from '../types';
import LongLag from './LongLag.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'long-lag',
	schema,
	controls,
	component: LongLag
});
