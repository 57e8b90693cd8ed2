// Property tests over every registered widget's URL schema: whatever a link holds, the widget
// opens (no throw), every value it refuses is named in a message, and good values survive a link.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { openValues } from '$lib/widgets/host';
import { EMBED_PARAMS } from '$lib/widgets/embed-options';
import { formatValue, parseParamValue, parseQuery, serializeQuery, type ParamSpec, type Schema, type Values } from '$lib/widgets/params';
import { widgets } from '$lib/widgets/registry';
import type { WidgetDefinition } from '$lib/widgets/types';

const RUNS = 100;
// Generous: a failing property shrinks its example, and the machine running this may be busy.
const TIMEOUT = 120_000;

/** Finite numbers within [min, max], including both ends; -0 is written "0" and means 0. */
const numberIn = (min: number, max: number) =>
	fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true, noDefaultInfinity: true })).map((x) => (Object.is(x, -0) ? 0 : x));

/** Values the parameter accepts. */
function goodValue(spec: ParamSpec): fc.Arbitrary<unknown> {
	switch (spec.kind) {
		case 'int':
			return fc.integer({ min: spec.min, max: spec.max });
		case 'number':
			return numberIn(spec.min, spec.max);
		case 'optional-int':
			return fc.option(fc.integer({ min: spec.min, max: spec.max }), { nil: null });
		case 'enum':
			return fc.constantFrom(...spec.values);
		case 'int-list':
			return fc.array(fc.integer({ min: spec.min, max: spec.max }), { minLength: spec.minLength, maxLength: spec.maxLength });
		case 'number-list':
			return fc.array(numberIn(spec.min, spec.max), { minLength: spec.minLength, maxLength: spec.maxLength });
		case 'text':
			// Well-formed Unicode: a URL cannot carry a lone surrogate, so none can be in a link.
			return fc.string({ unit: 'grapheme', maxLength: spec.maxLength }).filter((s) => s.length <= spec.maxLength);
		case 'bool':
			return fc.boolean();
		case 'custom':
			// A custom grammar has no generic generator: its default is a value it must accept.
			return fc.constant(spec.default);
	}
}

/** Anything at all a link might hold for a parameter: junk, numbers of every size, good values. */
function anyRaw(spec: ParamSpec): fc.Arbitrary<string> {
	return fc.oneof(
		fc.string({ unit: 'binary', maxLength: 60 }),
		fc.double().map(String),
		fc.integer().map(String),
		fc.bigInt().map(String),
		fc.array(fc.double().map(String), { maxLength: 12 }).map((parts) => parts.join(',')),
		fc.constantFrom('', ' ', 'NaN', 'Infinity', '-Infinity', '-0', '1e400', '0x10', '1,,2', '٣', '1_000', 'true', 'null', '[1,2]', '%', '\u0000'),
		goodValue(spec).map((value) => formatValue(spec, value)),
		fc.string({ unit: 'grapheme', minLength: 200, maxLength: 400 })
	);
}

function queryArbitrary(schema: Schema) {
	const names = Object.keys(schema);
	return fc.record({
		own: fc.record(Object.fromEntries(names.map((name) => [name, fc.option(anyRaw(schema[name]), { nil: undefined })])), { requiredKeys: [] }),
		unknown: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((n) => !(n in schema) && !(EMBED_PARAMS as readonly string[]).includes(n)), fc.string(), { maxKeys: 3 })
	});
}

/** Every value is one the parameter accepts (checked by writing it out and reading it back). */
function expectValid(schema: Schema, values: Record<string, unknown>) {
	for (const [name, spec] of Object.entries(schema)) {
		const text = formatValue(spec, values[name]);
		if (spec.kind === 'optional-int' && values[name] === null) continue;
		const back = parseParamValue(spec, text);
		expect(back.ok, `${name}=${text} is held but not accepted`).toBe(true);
	}
}

describe.each(widgets.map((entry) => [entry.name, entry] as const))('%s: URL parameters', (_name, entry) => {
	let definition: WidgetDefinition;
	beforeAll(async () => {
		definition = await entry.load();
	}, TIMEOUT);
	const load = () => definition;

	it('any query opens the widget without throwing, and names every value it refuses', () => {
		const { schema } = load();
		fc.assert(
			fc.property(queryArbitrary(schema), ({ own, unknown }) => {
				const params = new URLSearchParams();
				for (const [name, raw] of Object.entries(own)) if (raw !== undefined) params.set(name, raw);
				for (const [name, raw] of Object.entries(unknown)) params.set(name, raw);
				const { values, issues } = openValues(definition, params, EMBED_PARAMS);
				for (const [name, spec] of Object.entries(schema)) {
					const raw = params.get(name);
					const mine = issues.filter((issue) => issue.param === name);
					if (raw === null) {
						expect(mine).toEqual([]);
						continue;
					}
					const alone = parseParamValue(spec, raw);
					if (alone.ok) expect(mine).toEqual([]);
					else {
						expect(mine).toHaveLength(1);
						expect(mine[0].message).toContain(`“${name}=`);
						expect(mine[0].message).toContain('is not valid');
					}
				}
				for (const name of params.keys()) {
					if (!(name in schema)) expect(issues.find((issue) => issue.param === name)?.message).toContain(`“${name}” is not a parameter`);
				}
				expectValid(schema, values as Record<string, unknown>);
			}),
			{ numRuns: RUNS }
		);
	}, TIMEOUT);

	it('good values come back unchanged from a link, and the link is unchanged by reading it', () => {
		const { schema } = load();
		const arbitrary = fc.record(Object.fromEntries(Object.entries(schema).map(([name, spec]) => [name, goodValue(spec)])));
		fc.assert(
			fc.property(arbitrary, (values) => {
				const query = serializeQuery(schema, values as Values<Schema>);
				const parsed = parseQuery(schema, query.toString());
				expect(parsed.issues).toEqual([]);
				expect(parsed.values).toEqual(values);
				expect(serializeQuery(schema, parsed.values).toString()).toBe(query.toString());
			}),
			{ numRuns: RUNS }
		);
	}, TIMEOUT);

	it('repairs made when a widget opens are final: opening its own link again repairs nothing', () => {
		const { schema, normalise } = load();
		if (!normalise) return;
		const arbitrary = fc.record(Object.fromEntries(Object.entries(schema).map(([name, spec]) => [name, goodValue(spec)])));
		fc.assert(
			fc.property(arbitrary, (values) => {
				const first = normalise(values as Values<Schema>);
				expectValid(schema, first.values as Record<string, unknown>);
				const again = openValues(definition, serializeQuery(schema, first.values));
				expect(again.issues).toEqual([]);
				expect(again.repairs).toEqual([]);
				expect(again.values).toEqual(first.values);
			}),
			{ numRuns: RUNS }
		);
	}, TIMEOUT);
});
