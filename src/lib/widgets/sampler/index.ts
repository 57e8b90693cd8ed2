import type { WidgetDefinition } from '../types';
import Sampler from './Sampler.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'sampler',
	schema,
	controls,
	component: Sampler
};
