/**
 * Heading ids for lessons. Plain JavaScript because svelte.config.js (a rehype plugin that sets the
 * ids) and the server-side table of contents must agree on every slug.
 * @param {string} text
 * @returns {string}
 */
export function slugify(text) {
	return text
		.toLowerCase()
		.replace(/<[^>]*>/g, '')
		.replace(/[`*_$\\{}]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '');
}

/**
 * A rehype plugin: gives every h2 and h3 an id from its text, so the table of contents can link
 * to it and a reader can share a link to a section.
 */
export function rehypeHeadingIds() {
	/** @param {any} node */
	const textOf = (node) =>
		node.type === 'text' ? node.value : (node.children ?? []).map(textOf).join('');
	/** @param {any} node */
	const walk = (node) => {
		if (node.type === 'element' && (node.tagName === 'h2' || node.tagName === 'h3')) {
			node.properties = { ...node.properties, id: slugify(textOf(node)) };
		}
		for (const child of node.children ?? []) walk(child);
	};
	return walk;
}
