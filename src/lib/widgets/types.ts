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

export interface WidgetDefinition<S extends Schema = Schema> {
	name: string;
	schema: S;
	/** Control names an instructor may hide with hide=… */
	controls: readonly string[];
	component: Component<WidgetProps<S>, object, 'values'>;
}
