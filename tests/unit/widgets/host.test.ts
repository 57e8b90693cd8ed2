import { describe, expect, it } from 'vitest';
import { openValues } from '$lib/widgets/host';
import { parseQuery } from '$lib/widgets/params';
import { definition as unrolled } from '$lib/widgets/unrolled';
import { definition as bptt } from '$lib/widgets/bptt';
import { definition as power } from '$lib/widgets/power';
import { readState, schema as unrolledSchema, needsFilling } from '$lib/widgets/unrolled/model';

describe('openValues: what both hosts hand a widget', () => {
	it('unrolled: lists left to the seed are written out before the widget sees them, with no message', () => {
		const opened = openValues(unrolled, 'seed=42&hidden=2');
		expect(needsFilling(opened.values as never)).toBe(false);
		expect(opened.values.whh).toEqual(readState(parseQuery(unrolledSchema, 'seed=42&hidden=2').values).state.whh);
		expect(opened.repairs).toEqual([]);
	});

	it('unrolled: a list that does not fit the sizes is replaced and the repair is said', () => {
		const opened = openValues(unrolled, 'hidden=2&whh=1,2,3');
		expect(opened.values.whh).toHaveLength(4);
		expect(opened.repairs.map((r) => r.message)).toEqual([expect.stringContaining('whh (W_hh) has 3 numbers')]);
		expect(opened.issues).toEqual([]);
	});

	it('bptt: the loss step is chosen and a step past the end is clamped, each said', () => {
		const opened = openValues(bptt, 'steps=4&at=12&entry=40&param=b', ['locked']);
		expect(opened.values.at).toBe(4);
		expect(opened.values.targets).toHaveLength(4);
		expect(opened.repairs.map((r) => r.message).join(' ')).toContain('at=12 is past the last step');
	});

	it('a widget without normalise gets exactly what the schema parsed', () => {
		expect(openValues(power, 'factor=2&nope=1')).toEqual({ ...parseQuery(power.schema, 'factor=2&nope=1'), repairs: [] });
	});
});
