import type { WidgetDefinition } from '../types';
import Paradigms from './Paradigms.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'paradigms',
	schema,
	controls,
	component: Paradigms
};
