import { defineWidget } from '../types';
import ActivityTrainer from './ActivityTrainer.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'activity-trainer',
	schema,
	controls,
	component: ActivityTrainer
});
