import { defineWidget } from '../types';
import Bptt from './Bptt.svelte';
import { bpttValuesOf, controls, readBptt, schema } from './model';

export const definition = defineWidget({
	name: 'bptt',
	schema,
	controls,
	component: Bptt,
	// Every list written out and T chosen, so a shared link holds every number; what does not
	// fit is replaced and said.
	normalise: (values) => {
		const { state, issues } = readBptt(values);
		return { values: bpttValuesOf(state), messages: issues };
	}
});
