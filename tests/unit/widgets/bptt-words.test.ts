import { describe, expect, it } from 'vitest';
import { chainLength, FACTORS, roleText, termRole, truncationWords } from '$lib/widgets/bptt/words';

describe('truncationWords(T, K): what the truncation section says', () => {
	it('names exactly the cut terms k = 1 … T − K, with the right verb, for every T and K', () => {
		for (let T = 1; T <= 12; T++) {
			for (let K = 1; K <= T + 2; K++) {
				const w = truncationWords(T, K);
				const cut = Math.max(0, T - K);
				expect(w.cut).toBe(cut);
				expect(w.K).toBe(Math.min(K, T));
				const all = Object.values(w).filter((v) => typeof v === 'string').join(' ');
				expect(all).not.toMatch(/1 … 1\b|\b1 steps|\b1 terms|the terms k = 1 are/);
				if (cut === 0) {
					expect(w.dropped).toBe('');
					expect(w.length).toBe(`${T} ${T === 1 ? 'step' : 'steps'} (full BPTT)`);
					expect(w.heading).toMatch(/^Not truncated/);
				} else {
					expect(w.length).toBe(`${K} ${K === 1 ? 'step' : 'steps'}`);
					expect(w.heading).toBe(`Truncated to ${K} ${K === 1 ? 'step' : 'steps'}`);
					// The numbers named are 1 and T − K, and the sentence agrees in number.
					if (cut === 1) expect(w.dropped).toBe('the term k = 1 is');
					else if (cut === 2) expect(w.dropped).toBe('the terms k = 1 and 2 are');
					else expect(w.dropped).toBe(`the terms k = 1 … ${cut} are`);
				}
			}
		}
	});

	it('truncation 1 at T = 2 cuts one term; absent K is full BPTT; at T = 1 there is nothing to cut', () => {
		expect(truncationWords(2, 1)).toMatchObject({ cut: 1, dropped: 'the term k = 1 is', heading: 'Truncated to 1 step' });
		expect(truncationWords(5, null)).toMatchObject({ cut: 0, length: '5 steps (full BPTT)' });
		expect(truncationWords(1, 1).whole).toBe('Nothing can be cut: L1 has a single term, at step 1.');
		expect(truncationWords(1, null).length).toBe('1 step (full BPTT)');
		expect(truncationWords(4, null).whole).toMatch(/all 4 steps.*Move the slider left/);
	});
});

describe('the factors of term k, in the lesson’s words', () => {
	it('∂L_T/∂h_T arrives at h_T, ∂h_T/∂h_k is the chain of Jacobians, ∂⁺h_k/∂W the explicit derivative', () => {
		expect(FACTORS).toEqual({
			arriving: 'the gradient arriving at',
			chain: 'the chain of Jacobians',
			explicit: 'the explicit derivative',
			carried: 'the gradient carried back to'
		});
		// ∂L_T/∂h_k is not "the implicit part": no label calls a factor that.
		expect(Object.values(FACTORS).join(' ')).not.toMatch(/implicit/);
	});

	it('the chain holds T − k step Jacobians; term T is the explicit part, the terms k < T the implicit part', () => {
		expect(chainLength(5, 5)).toBe('no step in between: the identity');
		expect(chainLength(5, 4)).toBe('the product of 1 step Jacobian');
		expect(chainLength(5, 2)).toBe('the product of 3 step Jacobians');
		expect(termRole(5, 5)).toBe('explicit');
		for (let k = 1; k < 5; k++) expect(termRole(5, k)).toBe('implicit');
		expect(roleText(5, 5)).toMatch(/^the explicit part of ∂L5\/∂W/);
		expect(roleText(5, 3)).toMatch(/^one term of the implicit part Σ over k < 5: W as used at step 3/);
	});
});
