/**
 * Undo/redo as a pure class: two stacks of snapshots. Whoever changes the state calls `record`
 * with the state as it was before the change; `undo` and `redo` take the current state and return
 * the one to go to.
 *
 * Consecutive changes with the same `key` inside `window` milliseconds merge into one undo step,
 * so a drag (one key per gesture, window Infinity) or a burst of arrow-key nudges on one number
 * undo in one go.
 */
export class History<T> {
	#undo: { state: T; key: string | null; time: number }[] = [];
	#redo: T[] = [];

	constructor(
		readonly limit = 200,
		readonly window = 1000
	) {}

	get canUndo(): boolean {
		return this.#undo.length > 0;
	}

	get canRedo(): boolean {
		return this.#redo.length > 0;
	}

	get size(): { undo: number; redo: number } {
		return { undo: this.#undo.length, redo: this.#redo.length };
	}

	/** Records `previous` as an undo step; returns false when merged into the last step. */
	record(previous: T, key: string | null = null, now = Date.now(), window = this.window): boolean {
		this.#redo = [];
		const last = this.#undo.at(-1);
		if (key !== null && last && last.key === key && now - last.time <= window) {
			last.time = now;
			return false;
		}
		this.#undo.push({ state: previous, key, time: now });
		if (this.#undo.length > this.limit) this.#undo.shift();
		return true;
	}

	undo(current: T): T | undefined {
		const entry = this.#undo.pop();
		if (!entry) return undefined;
		this.#redo.push(current);
		return entry.state;
	}

	redo(current: T): T | undefined {
		if (this.#redo.length === 0) return undefined;
		const next = this.#redo.pop() as T;
		this.#undo.push({ state: current, key: null, time: -Infinity });
		return next;
	}

	clear(): void {
		this.#undo = [];
		this.#redo = [];
	}
}
