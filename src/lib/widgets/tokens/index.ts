import { defineWidget } from '../types';
import Tokens from './Tokens.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'tokens',
	schema,
	controls,
	component: Tokens
});
