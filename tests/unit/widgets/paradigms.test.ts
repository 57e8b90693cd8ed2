import { describe, expect, it } from 'vitest';
import { prepareLoss } from '$lib/engine';
import { parseQuery, serializeQuery } from '$lib/widgets/params';
import { SHAPES, describe as describeLayout, layoutOf, lengthsOf, lossTermsText, schema } from '$lib/widgets/paradigms/model';

const values = (query: string) => parseQuery(schema, query).values;

describe('paradigms widget model', () => {
	it('round-trips every shape and its lengths through the URL', () => {
		for (const shape of SHAPES) {
			const query = `shape=${shape}&inputs=4&outputs=2`;
			const parsed = parseQuery(schema, query);
			expect(parsed.issues).toEqual([]);
			expect(parseQuery(schema, serializeQuery(schema, parsed.values)).values).toEqual(parsed.values);
		}
	});

	it('refuses an unknown shape or a length out of range, keeping the default', () => {
		for (const query of ['shape=two-to-two', 'inputs=0', 'outputs=7', 'inputs=2.5']) {
			const parsed = parseQuery(schema, query);
			expect(parsed.issues, query).toHaveLength(1);
		}
		expect(parseQuery(schema, 'shape=x').values.shape).toBe('many-to-one');
	});

	it('many-to-one: five inputs, one target at the last step, as the echo task', () => {
		const layout = layoutOf(values('shape=many-to-one&inputs=5'));
		expect(layout.targets).toEqual([null, null, null, null, 0]);
		expect(layout.steps.map((s) => s.target)).toEqual([false, false, false, false, true]);
		expect(layout.lossTerms).toBe(1);
		expect(lossTermsText(layout)).toBe('J = J5');
	});

	it('the target flags are the engine’s mask of the targets list', () => {
		for (const shape of SHAPES) {
			const layout = layoutOf(values(`shape=${shape}&inputs=3&outputs=4`));
			const prepared = prepareLoss({ kind: 'softmax-ce', targets: layout.targets }, layout.steps.length, 1);
			expect(layout.steps.map((s) => (s.target ? 1 : 0))).toEqual(Array.from(prepared.mask));
			expect(layout.lossTerms).toBe(prepared.count);
		}
	});

	it('uses only the lengths a shape allows', () => {
		expect(lengthsOf(values('shape=one-to-one&inputs=4&outputs=4'))).toEqual({ n: 1, m: 1 });
		expect(lengthsOf(values('shape=one-to-many&inputs=4&outputs=3'))).toEqual({ n: 1, m: 3 });
		expect(lengthsOf(values('shape=many-to-many&inputs=4&outputs=2'))).toEqual({ n: 4, m: 4 });
		const ed = layoutOf(values('shape=encoder-decoder&inputs=3&outputs=2'));
		expect(ed.steps.map((s) => s.part)).toEqual(['encoder', 'encoder', 'encoder', 'decoder', 'decoder']);
		expect(ed.steps.map((s) => s.input !== null)).toEqual([true, true, true, false, false]);
		expect(lossTermsText(ed)).toBe('J = J4 + J5');
		const otm = layoutOf(values('shape=one-to-many&outputs=3'));
		expect(otm.steps.map((s) => s.input)).toEqual(['x1', null, null]);
		expect(lossTermsText(otm)).toBe('J = J1 + J2 + J3');
	});

	it('describes the picture in words', () => {
		expect(describeLayout(layoutOf(values('shape=many-to-one&inputs=5')))).toContain('Outputs with a target, each adding a term J_t to the loss, are at step 5');
		expect(describeLayout(layoutOf(values('shape=many-to-many&inputs=3')))).toContain('are at every step');
		expect(describeLayout(layoutOf(values('shape=one-to-one')))).toContain('no recurrence');
	});
});

describe('paradigms brace labels', () => {
	it('inputs=6&outputs=1: “decoder: writes” is pulled inside the picture’s right edge', async () => {
		const { labelCentre, labelWidth } = await import('$lib/widgets/paradigms/model');
		const width = 532;
		const centre = labelCentre(488, 'decoder: writes', width);
		expect(centre + labelWidth('decoder: writes') / 2).toBeLessThanOrEqual(width);
		expect(labelCentre(200, 'encoder: reads', width)).toBe(200);
	});
});
