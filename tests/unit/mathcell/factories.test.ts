import * as mathjs from 'mathjs';
import { describe, expect, it } from 'vitest';
import * as factories from '$lib/mathcell/factories.js';

// The functions factories.js is built for (its header lists them too).
const FUNCTIONS = [
	'abs', 'add', 'and', 'columnTransform', 'concatTransform', 'ctranspose', 'det', 'diag', 'divide', 'dot',
	'dotDivide', 'dotMultiply', 'dotPow', 'e', 'equal', 'evaluate', 'exp', 'flatten', 'identity', 'indexTransform',
	'inv', 'larger', 'largerEq', 'log', 'mapTransform', 'maxTransform', 'meanTransform', 'minTransform',
	'multiply', 'norm', 'not', 'ones', 'or', 'pi', 'pow', 'prod', 'rangeTransform', 'reshape', 'round', 'rowTransform',
	'sign', 'size', 'smaller', 'smallerEq', 'sqrt', 'stdTransform', 'subsetTransform', 'subtract', 'sumTransform',
	'tanh', 'trace', 'transpose', 'unaryMinus', 'unaryPlus', 'unequal', 'varianceTransform', 'zeros'
];

describe('MathCell factories.js', () => {
	it('is exactly what those functions need, without units, BigNumber and Fraction', () => {
		const needed = new Set<string>();
		const collect = (group: Record<string, unknown>) => {
			for (const [name, value] of Object.entries(group)) {
				if (name === 'UnitDependencies') continue;
				if (typeof value === 'function') needed.add(name);
				else if (value && typeof value === 'object') collect(value as Record<string, unknown>);
			}
		};
		const all = mathjs as unknown as Record<string, Record<string, unknown>>;
		for (const name of FUNCTIONS) collect(all[`${name}Dependencies`]);
		needed.delete('createBigNumberClass');
		needed.delete('createFractionClass');
		expect(Object.keys(factories).sort()).toEqual([...needed].sort());
		for (const [name, value] of Object.entries(factories)) expect(value, name).toBe(all[name]);
	});
});
