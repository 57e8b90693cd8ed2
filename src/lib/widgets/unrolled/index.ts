import { defineWidget } from '../types';
import Unrolled from './Unrolled.svelte';
import { controls, readState, schema, valuesOf } from './model';

export const definition = defineWidget({
	name: 'unrolled',
	schema,
	controls,
	component: Unrolled,
	// Lists left to the seed are written out, so a shared link holds every number; lists that do
	// not fit the sizes are replaced the same way, and each replacement is said.
	normalise: (values) => {
		const { state, issues } = readState(values);
		return { values: valuesOf(state), messages: issues };
	}
});
