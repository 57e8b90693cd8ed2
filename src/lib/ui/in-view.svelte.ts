/**
 * Whether `element()` is on screen or within `margin` of it, kept up to date; call while a
 * component initialises. A part that only shows a picture (a canvas) can skip redrawing while it
 * is out of sight and draw when it comes near: a reader stepping through a table above it does not
 * pay for a picture they are not looking at. True where IntersectionObserver is missing, and while
 * the page is printed.
 */
export function inView(element: () => Element | undefined, margin = '200px'): { readonly current: boolean } {
	let current = $state(typeof IntersectionObserver === 'undefined');
	let printing = $state(false);
	$effect(() => {
		const node = element();
		if (!node || typeof IntersectionObserver === 'undefined') return;
		const observer = new IntersectionObserver((entries) => (current = entries.at(-1)?.isIntersecting ?? current), { rootMargin: margin });
		observer.observe(node);
		return () => observer.disconnect();
	});
	// A printed page shows everything, near the screen or not.
	$effect(() => {
		const before = () => (printing = true);
		const after = () => (printing = false);
		addEventListener('beforeprint', before);
		addEventListener('afterprint', after);
		return () => {
			removeEventListener('beforeprint', before);
			removeEventListener('afterprint', after);
		};
	});
	return {
		get current() {
			return current || printing;
		}
	};
}
