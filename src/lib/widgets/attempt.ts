/**
 * An engine computation a widget shows: its result, or the engine's message in its place, so a
 * value the engine refuses becomes a sentence on the page instead of a crash.
 */
export type Attempt<T> = { value: T; error: '' } | { value: null; error: string };

export function attempt<T>(compute: () => T): Attempt<T> {
	try {
		return { value: compute(), error: '' };
	} catch (error) {
		return { value: null, error: error instanceof Error ? error.message : String(error) };
	}
}
