import { defineWidget } from '../types';
import ActivityData from './ActivityData.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'activity-data',
	schema,
	controls,
	component: ActivityData
});
