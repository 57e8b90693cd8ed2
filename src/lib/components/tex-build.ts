/**
 * Maths in a lesson's prose is fixed once the page is built, so the browser never needs a TeX
 * renderer for it: the server side (prerendering) registers KaTeX here from hooks.server.ts, and
 * the browser keeps the prerendered HTML (see StaticTex.svelte). Widgets, whose formulas change
 * with the reader's edits, render with Tex.svelte as MathML (mathml.ts), without KaTeX.
 */
export interface TexOptions {
	displayMode: boolean;
}

type Render = (tex: string, options: TexOptions) => string;

let render: Render | null = null;

/** Called once on the server with KaTeX's renderToString. */
export function useTexRenderer(renderer: Render): void {
	render = renderer;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Marks the HTML the browser shows until KaTeX has rendered a formula it did not get prerendered. */
export const PENDING_CLASS = 'tex-pending';

/**
 * The formula as HTML: KaTeX's on the server; in the browser a stand-in (the TeX source), which
 * hydration discards in favour of the prerendered HTML.
 */
export function texHtml(tex: string, options: TexOptions): string {
	if (render) return render(tex, options);
	return `<span class="${PENDING_CLASS}">${escapeHtml(tex)}</span>`;
}
