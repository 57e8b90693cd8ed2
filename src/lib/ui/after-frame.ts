/**
 * Runs `callback` in a task of its own right after the next frame is drawn, when styles and layout
 * are up to date. Two pieces of work that each cost a frame's style and layout pass (mounting a
 * big part of a widget, reading many styles) then fall in two frames, not one long task on a slow
 * phone; a zero-delay timer alone can run before the frame and land both in it. Returns a canceller.
 */
export function afterFrame(callback: () => void): () => void {
	let timer: number | undefined;
	const frame = requestAnimationFrame(() => (timer = window.setTimeout(callback)));
	return () => {
		cancelAnimationFrame(frame);
		clearTimeout(timer);
	};
}
