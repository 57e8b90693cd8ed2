/**
 * What both widget hosts (the lesson frame and /embed/[widget]) do with a query before the widget
 * mounts: parse it with the schema, then let the definition make the values fit together. The
 * widget therefore never starts from values it would have to repair.
 */
import { parseQuery, type ParamIssue, type Values } from './params';
import type { WidgetDefinition } from './types';
import type { Schema } from './params';

export function openValues<S extends Schema>(
	definition: WidgetDefinition<S>,
	query: URLSearchParams | string,
	shared: readonly string[] = []
): { values: Values<S>; issues: ParamIssue[]; repairs: ParamIssue[] } {
	const parsed = parseQuery(definition.schema, query, shared);
	if (!definition.normalise) return { values: parsed.values, issues: parsed.issues, repairs: [] };
	const normal = definition.normalise(parsed.values);
	return {
		values: normal.values,
		issues: parsed.issues,
		repairs: normal.messages.map((message) => ({ param: '', message }))
	};
}

/** The heading over the sentences `normalise` returns. */
export const REPAIRED = 'Some numbers in the link did not fit together and were replaced.';
