import type { WidgetDefinition } from '../types';
import BagOfWords from './BagOfWords.svelte';
import { controls, schema } from './model';

export const definition: WidgetDefinition<typeof schema> = {
	name: 'bag-of-words',
	schema,
	controls,
	component: BagOfWords
};
