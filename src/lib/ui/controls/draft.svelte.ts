/**
 * The text of a field that parses what is typed (a number, a list, a series). The field keeps
 * the student's own text: a bad edit is shown with a message and never reaches the value (the
 * last good value stays in use), and outside changes (reset, presets, undo) replace the text only
 * while the field is not focused and holds no bad edit. Create it while a component initialises.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface DraftOptions<T> {
	/** The current value (read inside an effect, so outside changes are followed). */
	get: () => T;
	/** Takes a good value. */
	set: (value: T) => void;
	parse: (text: string) => Parsed<T>;
	format: (value: T) => string;
}

export class Draft<T> {
	text = $state('');
	/** Why the text is not taken; '' when it is. */
	message = $state('');
	focused = $state(false);
	readonly #options: DraftOptions<T>;

	constructor(options: DraftOptions<T>) {
		this.#options = options;
		this.text = options.format(options.get());
		$effect(() => {
			const formatted = this.#options.format(this.#options.get());
			if (this.message === '' && !this.focused) this.text = formatted;
		});
	}

	/** Reads the text (after an edit); a good value is passed on. */
	input = (): void => {
		const result = this.#options.parse(this.text);
		if (result.ok) {
			this.message = '';
			this.#options.set(result.value);
		} else {
			this.message = result.message;
		}
	};

	focus = (): void => {
		this.focused = true;
	};

	/** Shows the value's text, dropping a bad edit: for outside changes that must win (a run loaded). */
	replace = (): void => {
		this.message = '';
		this.text = this.#options.format(this.#options.get());
	};

	/** Leaving a good edit writes the value the way the widget writes it. */
	blur = (): void => {
		this.focused = false;
		if (this.message === '') this.text = this.#options.format(this.#options.get());
	};
}
