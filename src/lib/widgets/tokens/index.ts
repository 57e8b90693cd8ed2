import type { WidgetDefinition } from '../types';
import Tokens from './Tokens.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'tokens',
	schema,
	controls,
	component: Tokens
};
