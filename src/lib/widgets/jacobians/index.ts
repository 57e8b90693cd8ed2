import type { WidgetDefinition } from '../types';
import Jacobians from './Jacobians.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'jacobians',
	schema,
	controls,
	component: Jacobians
};
