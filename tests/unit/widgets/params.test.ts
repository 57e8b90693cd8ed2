import { describe, expect, it } from 'vitest';
import { parseParamValue, parseQuery, serializeQuery, type Schema } from '$lib/widgets/params';

const schema = {
	cell: { kind: 'enum', values: ['rnn', 'lstm', 'gru'], default: 'rnn', doc: '' },
	hidden: { kind: 'int-list', min: 1, max: 1024, minLength: 1, maxLength: 8, default: [100], doc: '' },
	head: { kind: 'optional-int', min: 1, max: 10, default: null, doc: '' },
	lr: { kind: 'number', min: 0, max: 10, default: 0.1, doc: '' },
	text: { kind: 'text', maxLength: 5, default: 'hi', doc: '' },
	locked: { kind: 'bool', default: false, doc: '' }
} satisfies Schema;

describe('parseQuery', () => {
	it('reads every kind of value from a query', () => {
		const { values, issues } = parseQuery(schema, 'cell=lstm&hidden=7,9&head=1&lr=0.25&text=abc&locked=1');
		expect(issues).toEqual([]);
		expect(values).toEqual({ cell: 'lstm', hidden: [7, 9], head: 1, lr: 0.25, text: 'abc', locked: true });
	});

	it('uses defaults for absent parameters', () => {
		expect(parseQuery(schema, '').values).toEqual({ cell: 'rnn', hidden: [100], head: null, lr: 0.1, text: 'hi', locked: false });
	});

	it('hidden=banana falls back to the default and names the parameter and what it accepts', () => {
		const { values, issues } = parseQuery(schema, 'hidden=banana');
		expect(values.hidden).toEqual([100]);
		expect(issues).toHaveLength(1);
		expect(issues[0].param).toBe('hidden');
		expect(issues[0].message).toContain('hidden=banana');
		expect(issues[0].message).toContain('whole numbers from 1 to 1024');
	});

	it('a 10,000-unit layer is out of range, not accepted', () => {
		const { values, issues } = parseQuery(schema, 'hidden=10000');
		expect(values.hidden).toEqual([100]);
		expect(issues[0].message).toMatch(/from 1 to 1024/);
	});

	it('rejects fractions for integers, 1e999 for numbers, unknown enum values and long text', () => {
		const { issues } = parseQuery(schema, 'hidden=2.5&lr=1e999&cell=transformer&text=toolong');
		expect(issues.map((issue) => issue.param).sort()).toEqual(['cell', 'hidden', 'lr', 'text']);
		expect(issues.find((issue) => issue.param === 'cell')!.message).toContain('one of rnn, lstm, gru');
	});

	it('reports unknown parameters but keeps the shared embed ones quiet', () => {
		const { issues } = parseQuery(schema, 'locked=1&colour=red&hide=cell', ['hide']);
		expect(issues).toHaveLength(1);
		expect(issues[0].param).toBe('colour');
	});

	it('an empty optional value means none', () => {
		expect(parseQuery(schema, 'head=').values.head).toBeNull();
	});
});

describe('serializeQuery', () => {
	it('round-trips through parseQuery exactly, including float64 values', () => {
		const values = { cell: 'gru', hidden: [3, 4], head: 2, lr: 0.1 + 0.2, text: 'a&b', locked: true };
		const query = serializeQuery(schema, values).toString();
		expect(parseQuery(schema, query)).toEqual({ values, issues: [] });
	});

	it('leaves out an optional value that is empty', () => {
		expect(serializeQuery(schema, { ...parseQuery(schema, '').values }).has('head')).toBe(false);
	});
});

describe('parseParamValue', () => {
	it('a weight typed as "abc" is refused with a message', () => {
		const result = parseParamValue(schema.lr, 'abc');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toBe('Please enter a number from 0 to 10.');
	});
	it('accepts a valid value', () => {
		expect(parseParamValue(schema.lr, ' 2.5 ')).toEqual({ ok: true, value: 2.5 });
	});
});
