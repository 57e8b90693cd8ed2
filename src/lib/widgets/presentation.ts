/**
 * How much presentation mode scales a widget for a window `width` CSS pixels wide: enough that
 * the widget is laid out as if in a 720 px column (its comfortable width), never below 1.1 (on a
 * phone there is no room to grow) and never above 2.25 (a 4K projector would show a widget the
 * size of a wall and little of it at once).
 */
export const PRESENT_COLUMN = 720;

export function presentationZoom(width: number): number {
	if (!Number.isFinite(width) || width <= 0) return 1;
	return Math.min(2.25, Math.max(1.1, width / PRESENT_COLUMN));
}
