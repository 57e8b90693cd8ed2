import type { WidgetDefinition } from '../types';
import Trainer from './Trainer.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'trainer',
	schema,
	controls,
	component: Trainer
};
