import { describe, expect, it } from 'vitest';
import { createRandom, seedToUint32 } from '$lib/engine';

describe('createRandom (seeded sfc32)', () => {
	it('the same seed gives the same stream; state() resumes it exactly', () => {
		const a = createRandom('lesson-7');
		const b = createRandom('lesson-7');
		expect([a.uniform(), a.normal(), a.int(10)]).toEqual([b.uniform(), b.normal(), b.int(10)]);
		const resumed = createRandom(0, a.state());
		expect(resumed.uniform()).toBe(a.uniform());
	});

	it('uniform is in [0, 1), range in [low, high), int in [0, n)', () => {
		const r = createRandom(9);
		for (let i = 0; i < 1000; i++) {
			const u = r.uniform();
			expect(u >= 0 && u < 1).toBe(true);
			const x = r.range(-2, 3);
			expect(x >= -2 && x < 3).toBe(true);
			expect(Number.isInteger(r.int(7)) && r.int(7) < 7).toBe(true);
		}
	});

	it('folds string seeds into 32 bits', () => {
		expect(seedToUint32('hello')).toBe(seedToUint32('hello'));
		expect(seedToUint32(5)).toBe(5);
		expect(seedToUint32(-1)).toBe(4294967295);
	});
});
