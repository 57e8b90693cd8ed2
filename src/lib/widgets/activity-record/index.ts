import { defineWidget } from '../types';
import ActivityRecord from './ActivityRecord.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'activity-record',
	schema,
	controls,
	component: ActivityRecord
});
