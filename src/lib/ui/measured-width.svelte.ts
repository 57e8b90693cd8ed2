/**
 * An element's width for a chart's scales: bind `box` with `bind:contentRect={size.box}` and read
 * `current` (whole pixels; `fallback` until the first report). Not `bind:clientWidth`: that also
 * reads the width synchronously as the element mounts, which forces a style and layout pass of the
 * page inside whatever task mounts it (25 ms at 4× CPU throttling when the forecaster's error plot
 * appeared with an evaluation). The ResizeObserver behind `contentRect` reports before the first
 * paint, so the fallback is never shown. The element must have no padding (the content box is
 * measured, as `clientWidth` measured it only without padding).
 */
export class MeasuredWidth {
	box = $state.raw<DOMRectReadOnly | undefined>();
	readonly #fallback: number;

	constructor(fallback: number) {
		this.#fallback = fallback;
	}

	get current(): number {
		return this.box ? Math.round(this.box.width) : this.#fallback;
	}
}
