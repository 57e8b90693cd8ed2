import { defineWidget } from '../types';
import Trainer from './Trainer.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'trainer',
	schema,
	controls,
	component: Trainer
});
