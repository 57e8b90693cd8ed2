import type { Component } from 'svelte';
import type { Schema, Values } from './params';

/** What every widget component receives, in a lesson and in an embed alike. */
export interface WidgetProps<S extends Schema> {
	/** The widget's whole state; the widget edits it in place (bind:values) so links follow. */
	values: Values<S>;
	/** Read-only: controls are shown but disabled. */
	locked?: boolean;
	/** Names of controls to leave out (from the definition's `controls`). */
	hidden?: string[];
}

/** What `normalise` returns: values that fit together, and a sentence for every repair made. */
export interface Normalised<S extends Schema> {
	values: Values<S>;
	messages: string[];
}

export interface WidgetDefinition<S extends Schema = Schema> {
	name: string;
	schema: S;
	/** Control names an instructor may hide with hide=… */
	controls: readonly string[];
	component: Component<WidgetProps<S>, object, 'values'>;
	/**
	 * Runs once on parsed values before the widget mounts (both hosts, and on restored saved
	 * state), for what one parameter's rules cannot check: lists that must fit sizes, a step
	 * past the end. Edits made later by the widget keep values consistent themselves.
	 */
	normalise?: (values: Values<S>) => Normalised<S>;
}

/**
 * Declares a widget. Each widget's `index.ts` exports `definition = defineWidget({ name, schema,
 * controls, component, normalise? })`; the registry then lists it with
 * `load: async () => (await import('./name')).definition`.
 *
 * The component and `normalise` are checked against this widget's own schema here. The result is
 * also the schema-erased type the registry works with (hosts only ever hand a widget values
 * parsed from its own schema), so this is the one place that widening happens.
 */
export type DefinedWidget<S extends Schema> = WidgetDefinition<S> & WidgetDefinition;

export function defineWidget<S extends Schema>(definition: WidgetDefinition<S>): DefinedWidget<S> {
	return definition as DefinedWidget<S>;
}
