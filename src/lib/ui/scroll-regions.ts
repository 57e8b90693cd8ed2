/**
 * Boxes that scroll because their content does not fit (a long display equation on a phone, a
 * wide table inside a widget) are invisible to a keyboard and look cut off. This watcher finds
 * every element styled to scroll, and while its content overflows it becomes a focusable region
 * with a name, and carries `data-scroll` (start | end | both: which edges hide more content), which
 * app.css turns into a fade at those edges. When the content fits again, all of that is removed.
 *
 * One watcher per document, started by the root layout, so widgets need no wiring of their own.
 */

import { afterFrame } from './after-frame';

const SCROLLS = new Set(['auto', 'scroll']);
const FIELDS = new Set(['TEXTAREA', 'INPUT', 'SELECT']);
/** What this module added to an element, so it only ever removes its own attributes. */
const ADDED = 'scrollAdded';

interface Watched {
	onScroll: () => void;
}

export function watchScrollRegions(root: HTMLElement): () => void {
	const watched = new Map<HTMLElement, Watched>();
	const labelsUsed = new Map<string, number>();
	let pending: Element[] = [];
	let scheduled: (() => void) | null = null;

	const resize = new ResizeObserver((entries) => {
		for (const entry of entries) {
			const box = entry.target instanceof HTMLElement && watched.has(entry.target) ? entry.target : entry.target.parentElement;
			if (box && watched.has(box)) update(box);
		}
	});

	function watch(el: HTMLElement) {
		if (watched.has(el)) return;
		const entry = { onScroll: () => setCue(el) };
		watched.set(el, entry);
		el.addEventListener('scroll', entry.onScroll, { passive: true });
		resize.observe(el);
		// The box keeps its size when its content grows (a new table column): watch the content too.
		for (const child of el.children) resize.observe(child);
	}

	function unwatch(el: HTMLElement) {
		const entry = watched.get(el);
		if (!entry) return;
		el.removeEventListener('scroll', entry.onScroll);
		resize.unobserve(el);
		for (const child of el.children) resize.unobserve(child);
		watched.delete(el);
	}

	function update(el: HTMLElement) {
		if (!el.isConnected) return unwatch(el);
		const overflowing = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
		if (overflowing) mark(el);
		else unmark(el);
	}

	function mark(el: HTMLElement) {
		if (el.dataset[ADDED] === undefined) {
			const added: string[] = [];
			if (!el.hasAttribute('tabindex')) {
				el.tabIndex = 0;
				added.push('tabindex');
			}
			if (!el.hasAttribute('role')) {
				el.setAttribute('role', 'region');
				added.push('role');
			}
			if (!el.hasAttribute('aria-label') && !el.hasAttribute('aria-labelledby')) {
				el.setAttribute('aria-label', uniqueLabel(labelFor(el)));
				added.push('aria-label');
			}
			el.dataset[ADDED] = added.join(' ');
		}
		setCue(el);
	}

	function unmark(el: HTMLElement) {
		const added = el.dataset[ADDED];
		if (added === undefined) return;
		for (const attribute of added.split(' ').filter(Boolean)) el.removeAttribute(attribute);
		delete el.dataset[ADDED];
		delete el.dataset.scroll;
	}

	function uniqueLabel(label: string): string {
		// Regions are landmarks, and two landmarks with one name cannot be told apart.
		const count = (labelsUsed.get(label) ?? 0) + 1;
		labelsUsed.set(label, count);
		return count === 1 ? label : `${label} ${count}`;
	}

	function scan(start: Element) {
		const walker = document.createTreeWalker(start, NodeFilter.SHOW_ELEMENT, {
			// KaTeX's inner spans and SVG drawings never scroll, and there are thousands of them.
			acceptNode: (node) =>
				node instanceof HTMLElement && !(node.classList.contains('katex') && !node.classList.contains('katex-display'))
					? NodeFilter.FILTER_ACCEPT
					: NodeFilter.FILTER_REJECT
		});
		for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
			if (!(node instanceof HTMLElement) || watched.has(node)) continue;
			// Form fields scroll their own text, are focusable already and have a role of their own.
			if (FIELDS.has(node.tagName)) continue;
			const style = getComputedStyle(node);
			// The resize observer's first report (after the next layout) measures it: measuring here
			// would force a layout in the middle of a frame, a long task on a slow phone.
			if (SCROLLS.has(style.overflowX) || SCROLLS.has(style.overflowY)) watch(node);
		}
	}

	function flush() {
		scheduled = null;
		const batch = new Set(pending);
		pending = [];
		// A component mounting adds its root and then, block by block, nodes inside it: scanning
		// each of them walked the same subtree again and again (most of the lab's load-time task).
		const inBatch = (el: Element) => {
			for (let up = el.parentElement; up; up = up.parentElement) if (batch.has(up)) return true;
			return false;
		};
		for (const el of batch) if (el.isConnected && !inBatch(el)) scan(el);
	}

	// Widgets mount after the page (and some only when scrolled near): look at what is added.
	const mutations = new MutationObserver((records) => {
		for (const record of records) {
			for (const node of record.addedNodes) if (node instanceof HTMLElement) pending.push(node);
		}
		// After the frame, when styles are computed anyway, rather than inside it (reading a style
		// there forces a style pass over everything the frame changed). Not in an idle callback: it
		// could run right after another one that had changed the page (the lab mounting its next
		// part), and inside a container query a style read then forces that layout into the scan.
		if (pending.length && scheduled === null) scheduled = afterFrame(flush);
	});
	mutations.observe(root, { childList: true, subtree: true });
	// Not now: this runs while the page hydrates, often before its first style pass, and reading a
	// style here forced that pass into hydration's task (a long task on a slow phone).
	pending.push(root);
	scheduled = afterFrame(flush);

	return () => {
		mutations.disconnect();
		resize.disconnect();
		scheduled?.();
		for (const el of [...watched.keys()]) unwatch(el);
	};
}

/** Which edges hide content: the fade in app.css goes there. */
function setCue(el: HTMLElement) {
	const hidden = el.scrollWidth - el.clientWidth;
	if (hidden <= 1) {
		delete el.dataset.scroll;
		return;
	}
	const before = el.scrollLeft > 1;
	const after = el.scrollLeft < hidden - 1;
	el.dataset.scroll = before && after ? 'both' : before ? 'start' : 'end';
}

/** A name saying what the box holds and that it scrolls. */
function labelFor(el: HTMLElement): string {
	if (el.dataset.scrollLabel) return el.dataset.scrollLabel;
	const sideways = el.scrollWidth > el.clientWidth + 1;
	const how = sideways ? 'scrolls sideways' : 'scrolls';
	if (el.matches('.katex-display, .tex-display')) return `Equation, ${how}`;
	if (el.matches('pre')) return `Code, ${how}`;
	const table = el.matches('table') ? el : el.querySelector('table');
	const caption = table?.querySelector('caption')?.textContent?.trim();
	if (caption) return `${caption}, ${how}`;
	const owner = el.parentElement?.closest('[aria-label]')?.getAttribute('aria-label');
	const what = table ? 'Table' : 'Wide content';
	return owner ? `${what} in ${owner}, ${how}` : `${what}, ${how}`;
}
