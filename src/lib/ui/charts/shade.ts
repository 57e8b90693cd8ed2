/**
 * The background of a confusion-matrix cell: right answers (the diagonal) in blue, mistakes in
 * vermillion, up to 45% of the colour over the card so the count on it keeps its contrast.
 */
export function shade(count: number, most: number, diagonal: boolean): string {
	const strength = Math.round((count / Math.max(1, most)) * 45);
	return `color-mix(in srgb, var(${diagonal ? '--c-blue' : '--c-vermillion'}) ${strength}%, var(--bg-raised))`;
}

/** Column headers are turned on their side once any class name is longer than this. */
export const UPRIGHT_NAME_LENGTH = 4;
