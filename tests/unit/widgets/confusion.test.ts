import { describe, expect, it } from 'vitest';
import { classMetrics } from '$lib/engine/data';
import { parseQuery, serializeQuery } from '$lib/widgets/params';
import { PRESETS, evaluate, namesOf, parseCount, schema, withCount } from '$lib/widgets/confusion/model';

const values = (query: string) => parseQuery(schema, query).values;

describe('confusion widget model', () => {
	it('round-trips names and counts through the URL and refuses bad counts', () => {
		const parsed = parseQuery(schema, 'names=cat,dog&counts=45,5,10,40');
		expect(parsed.issues).toEqual([]);
		expect(parseQuery(schema, serializeQuery(schema, parsed.values)).values).toEqual(parsed.values);
		for (const query of ['counts=1,2,3', 'counts=1,-2,3,4', 'counts=1.5,2,3,4']) expect(parseQuery(schema, query).issues, query).toHaveLength(1);
	});

	it('the default (rare falls): high overall accuracy, a class at 0%', () => {
		const result = evaluate(values(''));
		expect(result.names).toEqual(['sitting', 'walking', 'falling']);
		expect(result.metrics).toEqual(classMetrics(result.matrix));
		expect(result.metrics.accuracy).toBeCloseTo(950 / 1010, 15);
		expect(result.metrics.perClass[2]).toBe(0);
		expect(result.hidden).toEqual({ name: 'falling', accuracy: 0 });
		expect(result.notice).toBeNull();
	});

	it('every preset is a square matrix', () => {
		for (const preset of PRESETS) {
			const result = evaluate({ names: preset.names, counts: preset.counts });
			expect(result.notice, preset.label).toBeNull();
		}
	});

	it('pads or cuts a list of the wrong length, with a note', () => {
		const short = evaluate(values('names=a,b,c&counts=1,2,3,4'));
		expect(short.matrix).toEqual([
			[1, 2, 3],
			[4, 0, 0],
			[0, 0, 0]
		]);
		expect(short.notice).toContain('3 classes need 9 counts, but 4 were given');
		expect(short.metrics.perClass).toEqual([1 / 6, 0, null]);
		expect(evaluate(values('names=a,b&counts=1,2,3,4,5')).notice).toContain('extra ones are ignored');
	});

	it('an edit changes one cell and resizes the list', () => {
		expect(withCount(values('names=a,b&counts=1,2,3,4'), 2, 1, 0, 9)).toEqual([1, 2, 9, 4]);
		expect(withCount(values('names=a,b,c&counts=1,2,3,4'), 3, 2, 2, 5)).toEqual([1, 2, 3, 4, 0, 0, 0, 0, 5]);
		expect(parseCount(' 12 ')).toBe(12);
		expect(parseCount('1.5')).toBeNull();
		expect(parseCount('-1')).toBeNull();
		expect(parseCount('100000')).toBeNull();
	});

	it('names: blanks filled, at most six', () => {
		expect(namesOf('a,,c').names).toEqual(['a', 'class 2', 'c']);
		expect(namesOf('solo').names).toEqual(['solo', 'class 2']);
		expect(namesOf('1,2,3,4,5,6,7').notice).toContain('first 6');
	});
});
