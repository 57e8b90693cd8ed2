/**
 * A widget mounted in parts, one part per idle task (mounting all at once was one long task on a
 * slow phone). Parts from `held` on wait until `mark`, an element where they will appear, comes
 * near the screen, or until `wanted()` says they are needed anyway (a run began).
 */
export class Stages {
	current = $state(0);
	/** Where the held parts will appear; observed once the parts before them are there. */
	mark = $state<HTMLElement>();
	#near = $state(false);

	constructor(last: number, held: number, wanted: () => boolean) {
		$effect(() => {
			if (this.current >= last || (this.current === held - 1 && !this.#near && !wanted())) return;
			const next = () => this.current++;
			const handle = typeof requestIdleCallback === 'function' ? requestIdleCallback(next, { timeout: 200 }) : window.setTimeout(next, 16);
			return () => (typeof cancelIdleCallback === 'function' ? cancelIdleCallback(handle) : clearTimeout(handle));
		});
		$effect(() => {
			if (!this.mark || this.#near) return;
			// Half a screen ahead: scrolling down, the parts are there before they come into view.
			const observer = new IntersectionObserver((entries) => (this.#near ||= entries.some((entry) => entry.isIntersecting)), {
				rootMargin: '0px 0px 50% 0px'
			});
			observer.observe(this.mark);
			return () => observer.disconnect();
		});
	}
}
