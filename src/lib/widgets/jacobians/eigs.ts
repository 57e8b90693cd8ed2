/**
 * The spectral radius of W_hh by mathjs' eigenvalues, a check on the engine's own values that the
 * reader asks for. This module pulls in mathjs, so it runs in a worker started on that request.
 *
 * mathjs' eigs runs a QR iteration whose shift is real for a real matrix, and such a shift never
 * homes in on a complex pair of eigenvalues: on random real matrices (which have such pairs) it
 * often gives up ("failed to converge"). Turning the matrix by a phase, e^{iθ}·W, makes it complex
 * with the same eigenvalues turned by θ and the same moduli |λ|; eigs converges on it, and the
 * eigenvalues of W are those results turned back by −θ.
 */
import {
	absDependencies,
	complexDependencies,
	create,
	eigsDependencies,
	maxDependencies,
	multiplyDependencies,
	type Complex
} from 'mathjs';
import type { Eigenvalue } from '$lib/engine/eigen';

const math = create({ eigsDependencies, absDependencies, maxDependencies, complexDependencies, multiplyDependencies });

/**
 * eigs stops when what is left below the diagonal is under this. 1e-10 keeps the radius within
 * about 1e-10 of the engine's while taking half the time of mathjs' default (1e-12).
 */
export const EIGS_PRECISION = 1e-10;

/** The turn θ (radians) applied before eigs; any angle that is not a multiple of π/2 works. */
export const PHASE = 0.7;

export interface EigsResult {
	eigenvalues: Eigenvalue[];
	/** max |λ| */
	radius: number;
}

/** Eigenvalues and spectral radius of a real square matrix, by mathjs. */
export function eigsRadius(W: number[][]): EigsResult {
	const n = W.length;
	if (n === 0 || W.some((row) => row.length !== n)) throw new RangeError('eigsRadius needs a square matrix.');
	const turned = math.multiply(W, math.complex({ r: 1, phi: PHASE })) as unknown as Complex[][];
	const { values } = math.eigs(turned, { eigenvectors: false, precision: EIGS_PRECISION });
	const back = math.multiply(values as unknown as Complex[], math.complex({ r: 1, phi: -PHASE })) as unknown as Complex[];
	const moduli = math.abs(values as unknown as Complex[]) as unknown as number[];
	const eigenvalues = back.map((z, i) => ({ re: z.re, im: z.im, abs: moduli[i] }));
	return { eigenvalues, radius: math.max(moduli) as number };
}
