/**
 * Whether `element()` is on screen or within `margin` of it, kept up to date; call while a
 * component initialises. A part that only shows a picture (a canvas) can skip redrawing while it
 * is out of sight and draw when it comes near: a reader stepping through a table above it does not
 * pay for a picture they are not looking at. True where IntersectionObserver is missing.
 */
export function inView(element: () => Element | undefined, margin = '200px'): { readonly current: boolean } {
	let current = $state(typeof IntersectionObserver === 'undefined');
	$effect(() => {
		const node = element();
		if (!node || typeof IntersectionObserver === 'undefined') return;
		const observer = new IntersectionObserver((entries) => (current = entries.at(-1)?.isIntersecting ?? current), { rootMargin: margin });
		observer.observe(node);
		return () => observer.disconnect();
	});
	return {
		get current() {
			return current;
		}
	};
}
