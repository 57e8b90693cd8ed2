/**
 * Labels for marks that may sit too close to label in place (thin slices of a bar, points on a
 * line): each label keeps to its mark's position when it can and is pushed aside just enough not
 * to touch its neighbours; when they cannot all fit on one row they take turns on several rows.
 */

export interface PlacedLabel {
	/** Centre of the label, in the same units as the marks. */
	x: number;
	/** 0 for the first row, 1 for the next, … */
	row: number;
}

/**
 * Places a label of width `size` for each mark at `anchors` (sorted ascending) between `min` and
 * `max`, at least `size` apart from the other labels of its row.
 */
export function spreadLabels(anchors: readonly number[], size: number, min: number, max: number): PlacedLabel[] {
	const room = Math.max(size, max - min);
	let rows = 1;
	while (rows < anchors.length && Math.ceil(anchors.length / rows) * size > room) rows++;
	const placed: PlacedLabel[] = anchors.map(() => ({ x: 0, row: 0 }));
	for (let row = 0; row < rows; row++) {
		const members = anchors.map((_, i) => i).filter((i) => i % rows === row);
		// Left to right, each label no closer than `size` to the one before; then right to left so
		// the last ones do not run past the end. The first pass never pushes one past `min`.
		let previous = -Infinity;
		for (const i of members) {
			previous = Math.max(anchors[i], min + size / 2, previous + size);
			placed[i] = { x: previous, row };
		}
		let next = Infinity;
		for (const i of [...members].reverse()) {
			next = Math.min(placed[i].x, max - size / 2, next - size);
			placed[i].x = next;
		}
	}
	return placed;
}
