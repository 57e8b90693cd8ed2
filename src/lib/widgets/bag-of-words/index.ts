import { defineWidget } from '../types';
import BagOfWords from './BagOfWords.svelte';
import { controls, schema } from './model';

export const definition = defineWidget({
	name: 'bag-of-words',
	schema,
	controls,
	component: BagOfWords
});
