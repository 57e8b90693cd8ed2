import { describe, expect, it } from 'vitest';
import { parseQuery, serializeQuery } from '$lib/widgets/params';
import { EMBED_PARAMS } from '$lib/widgets/embed-options';
import { schema, stackOf, withLayerAdded, withLayerRemoved } from '$lib/widgets/stack/model';

const parse = (query: string) => parseQuery(schema, query, EMBED_PARAMS);

describe('stack widget: URL state', () => {
	it('layers=lstm:7:seq,lstm:9&input=3,5&head=1 is the lecture’s stack: 986 Keras, 1,050 PyTorch', () => {
		const { values, issues } = parse('layers=lstm:7:seq,lstm:9&input=3,5&head=1');
		expect(issues).toEqual([]);
		const { keras, pytorch } = stackOf(values);
		expect(keras.total).toBe(986);
		expect(pytorch.total).toBe(1050);
	});

	it('round-trips through the URL', () => {
		const { values } = parse('layers=gru:4:seq,rnn:3&input=6,2&head=');
		expect(values.layers).toEqual([
			{ cell: 'gru', units: 4, returnSequences: true },
			{ cell: 'rnn', units: 3, returnSequences: false }
		]);
		expect(values.head).toBeNull();
		// No head is written as `head=`: left out, the link would bring back the default head.
		expect(serializeQuery(schema, values).toString()).toBe('layers=gru%3A4%3Aseq%2Crnn%3A3&input=6%2C2&head=');
	});

	it.each([
		['layers=lstm:10000', 'Layer 1 (“lstm:10000”) has 10,000 units; a layer here has 1 to 1,024.'],
		['layers=lstm:7:seq,cnn:9', 'Layer 2 (“cnn:9”): “cnn” is not a cell; use rnn, lstm or gru.'],
		['layers=lstm:7:sequences', 'the third part can only be “seq”'],
		['layers=lstm:seven', 'the units must be a whole number'],
		['layers=lstm', 'should look like lstm:7 or lstm:7:seq'],
		['layers=', 'at least one layer'],
		[`layers=${Array(9).fill('gru:2:seq').join(',')}`, '9 layers is too many: at most 8'],
		['input=0,5', '0 steps is out of range'],
		['input=3,5,2', 'input takes two whole numbers'],
		['input=3,5000', '5,000 features is out of range']
	])('%s is refused with a message and the default kept', (query, message) => {
		const { values, issues } = parse(query);
		expect(issues).toHaveLength(1);
		expect(issues[0].message).toContain(message);
		expect(issues[0].message).toContain('Using the default');
		expect(stackOf(values).keras.total).toBe(986);
	});

	it('the default is never shared: editing one parse does not change the next', () => {
		const first = parse('').values;
		first.layers[0].units = 99;
		expect(parse('').values.layers[0].units).toBe(7);
	});
});

describe('stack widget: adding and removing layers', () => {
	it('a new layer copies the top one and the old top starts returning sequences, so the stack still builds', () => {
		const { values } = parse('layers=lstm:7:seq,lstm:9');
		const layers = withLayerAdded(values.layers);
		expect(layers.map((l) => l.returnSequences)).toEqual([true, true, false]);
		expect(stackOf({ ...values, layers }).keras.problems).toEqual([]);
	});

	it('the last layer cannot be removed; others can', () => {
		expect(withLayerRemoved([{ cell: 'rnn', units: 2, returnSequences: false }], 0)).toHaveLength(1);
		expect(withLayerRemoved(parse('').values.layers, 0).map((l) => l.units)).toEqual([9]);
	});
});
