import type { WidgetDefinition } from '../types';
import Forecaster from './Forecaster.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'forecaster',
	schema,
	controls,
	component: Forecaster
};
