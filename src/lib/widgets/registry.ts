/**
 * Every embeddable widget, by the name used in /embed/<name>. Definitions load on demand so an
 * embed page ships only the widget it shows.
 */
import type { WidgetDefinition } from './types';

export interface WidgetEntry {
	name: string;
	title: string;
	summary: string;
	load: () => Promise<WidgetDefinition>;
}

const entries: WidgetEntry[] = [
	{
		name: 'bag-of-words',
		title: 'Bag-of-words comparer',
		summary: 'Two sentences, their word-count vectors side by side: word order is lost.',
		load: async () => (await import('./bag-of-words')).definition as unknown as WidgetDefinition
	},
	{
		name: 'param-counter',
		title: 'Parameter counter',
		summary: 'Weight matrices, shapes and parameter counts of an RNN, LSTM or GRU stack.',
		load: async () => (await import('./param-counter')).definition as unknown as WidgetDefinition
	}
];

export const widgets: readonly WidgetEntry[] = entries;

export function findWidget(name: string): WidgetEntry | undefined {
	return entries.find((entry) => entry.name === name);
}
