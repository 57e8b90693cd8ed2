import type { WidgetDefinition } from '../types';
import ParamCounter from './ParamCounter.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'param-counter',
	schema,
	controls,
	component: ParamCounter
};
