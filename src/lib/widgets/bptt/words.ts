/**
 * What the BPTT widget calls things, in the lesson's terms, for any loss step T, step k and
 * truncation length K. Kept apart from the component so the wording is tested for every case
 * (one term, one cut term, nothing cut, everything but the last cut).
 *
 * Term k of dL_T/dW is ∂L_T/∂h_T · ∂h_T/∂h_k · ∂⁺h_k/∂W: the gradient arriving at h_T, the chain
 * of Jacobians back to h_k, and the explicit derivative at step k. Term T (empty chain) is the
 * explicit part of dL_T/dW; the terms k < T together are the implicit part.
 */
import { plural } from '$lib/ui/format';

/** The three factors of a term and their product's first two, named as the lesson names them. */
export const FACTORS = {
	arriving: 'the gradient arriving at',
	chain: 'the chain of Jacobians',
	explicit: 'the explicit derivative',
	carried: 'the gradient carried back to'
} as const;

/** What ∂h_T/∂h_k is made of: "the product of 2 step Jacobians", or nothing at k = T. */
export function chainLength(T: number, k: number): string {
	const n = T - k;
	return n === 0 ? 'no step in between: the identity' : `the product of ${plural(n, 'step Jacobian')}`;
}

/** Which part of dL_T/dW term k belongs to. */
export function termRole(T: number, k: number): 'explicit' | 'implicit' {
	return k === T ? 'explicit' : 'implicit';
}

/** The role as a phrase under the term. */
export function roleText(T: number, k: number): string {
	return termRole(T, k) === 'explicit'
		? `the explicit part of ∂L${T}/∂W: W as used at step ${T} itself`
		: `one term of the implicit part Σ over k < ${T}: W as used at step ${k}, reaching h${T} through later steps`;
}

/** "1 … 4", "1 and 2", "1". */
function range(last: number): string {
	return last === 1 ? '1' : last === 2 ? '1 and 2' : `1 … ${last}`;
}

export interface TruncationWords {
	/** How many steps the gradient flows back: min(K, T). */
	K: number;
	/** T − K: how many terms are cut off (k = 1 … cut). */
	cut: number;
	/** The slider's value text: "3 steps", "5 steps (full BPTT)", "1 step (full BPTT)". */
	length: string;
	heading: string;
	/** The terms cut off, with their verb: "the term k = 1 is", "the terms k = 1 and 2 are"; '' when none. */
	dropped: string;
	/** What is said when nothing is cut. */
	whole: string;
}

/** The truncation section's words for loss step T and truncation K (null: full BPTT). */
export function truncationWords(T: number, trunc: number | null): TruncationWords {
	const K = trunc === null ? T : Math.max(1, Math.min(trunc, T));
	const cut = T - K;
	const length = `${plural(K, 'step')}${cut === 0 ? ' (full BPTT)' : ''}`;
	return {
		K,
		cut,
		length,
		heading: cut === 0 ? `Not truncated: all ${plural(T, 'step')} back` : `Truncated to ${plural(K, 'step')}`,
		dropped: cut === 0 ? '' : cut === 1 ? 'the term k = 1 is' : `the terms k = ${range(cut)} are`,
		whole:
			T === 1
				? 'Nothing can be cut: L1 has a single term, at step 1.'
				: `Nothing is cut: the gradient flows back through all ${T} steps. Move the slider left to cut off the long-range terms.`
	};
}
