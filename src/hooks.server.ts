import katex from 'katex';
import { useTexRenderer } from '$lib/components/tex-build';

// Lesson prose renders its computed formulas with KaTeX while the site is prerendered; the
// browser keeps that HTML and never loads KaTeX for them (StaticTex.svelte).
useTexRenderer((tex, { displayMode }) => katex.renderToString(tex, { displayMode, throwOnError: false }));
