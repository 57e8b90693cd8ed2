import { defineWidget } from '../types';
import Depth from './Depth.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'depth',
	schema,
	controls,
	component: Depth
});
