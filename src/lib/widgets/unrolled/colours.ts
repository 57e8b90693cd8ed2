/** One colour per family of numbers, shared by the legend and the equation's underlines. */
export const FAMILY = {
	x: 'var(--c-green)',
	h: 'var(--c-purple)',
	b: 'var(--c-yellow)',
	a: 'var(--c-sky)',
	y: 'var(--c-orange)'
} as const;
