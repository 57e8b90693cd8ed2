/**
 * Seeded randomness that gives the same numbers in every browser and in Node.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 32-bit), seeded by
 * running splitmix32 over the seed. Only 32-bit integer arithmetic (`Math.imul`, `>>>`, `|0`)
 * is used, which JavaScript defines exactly, so a seed reproduces a run anywhere.
 * Normal deviates use the Box–Muller transform; `Math.log`, `Math.sqrt` and `Math.cos` are the
 * only floating-point library calls, and V8, SpiderMonkey and JavaScriptCore agree on them for
 * the arguments used here to well below the engine's 1e-9 tolerance.
 */

export interface Random {
	/** Uniform in [0, 1), 32 bits of resolution. */
	uniform(): number;
	/** Uniform in [low, high). */
	range(low: number, high: number): number;
	/** Standard normal deviate (mean 0, standard deviation 1). */
	normal(): number;
	/** Integer in [0, n). */
	int(n: number): number;
	/** The generator's state, so a run can be saved and resumed exactly. */
	state(): [number, number, number, number];
}

function splitmix32(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x9e3779b9) | 0;
		let z = s;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		return (z ^ (z >>> 16)) >>> 0;
	};
}

/** Folds any string or number seed into 32 bits, so `seed=hello` in a URL works too. */
export function seedToUint32(seed: number | string): number {
	if (typeof seed === 'number' && Number.isInteger(seed)) return seed >>> 0;
	const text = String(seed);
	let hash = 0x811c9dc5; // FNV-1a
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

export function createRandom(
	seed: number | string,
	state?: readonly [number, number, number, number]
): Random {
	let a: number, b: number, c: number, d: number;
	if (state) {
		[a, b, c, d] = state;
	} else {
		const mix = splitmix32(seedToUint32(seed));
		a = mix();
		b = mix();
		c = mix();
		d = mix();
		// Discard the first outputs: sfc32 mixes poorly for a few rounds after seeding.
		for (let i = 0; i < 12; i++) next();
	}

	function next(): number {
		a |= 0;
		b |= 0;
		c |= 0;
		d |= 0;
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return t >>> 0;
	}

	const random: Random = {
		uniform: () => next() / 4294967296,
		range: (low, high) => low + (high - low) * (next() / 4294967296),
		int: (n) => Math.floor((next() / 4294967296) * n),
		normal() {
			// Box–Muller's second deviate is dropped so that state() alone resumes a stream.
			// 1 - u keeps the logarithm's argument in (0, 1].
			const u1 = 1 - next() / 4294967296;
			const u2 = next() / 4294967296;
			return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
		},
		state: () => [a >>> 0, b >>> 0, c >>> 0, d >>> 0]
	};
	return random;
}
