import { defineWidget } from '../types';
import Forecaster from './Forecaster.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'forecaster',
	schema,
	controls,
	component: Forecaster
});
