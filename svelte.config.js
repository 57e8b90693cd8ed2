import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';
import remarkMath from 'remark-math';
import rehypeKatexSvelte from 'rehype-katex-svelte';
import { fileURLToPath } from 'node:url';
import { rehypeHeadingIds } from './src/lib/lesson/slug.js';

// mdsvex needs an absolute layout path; a relative one fails to resolve.
const lessonLayout = fileURLToPath(new URL('./src/lib/lesson/LessonLayout.svelte', import.meta.url));

/** @type {import('@sveltejs/kit').Config} */
const config = {
	extensions: ['.svelte', '.md'],
	preprocess: [
		vitePreprocess(),
		mdsvex({
			extensions: ['.md'],
			remarkPlugins: [remarkMath],
			// Wraps KaTeX's HTML in {@html} so TeX braces are not read as Svelte expressions.
			rehypePlugins: [rehypeHeadingIds, [rehypeKatexSvelte, { throwOnError: true, strict: 'ignore' }]],
			layout: { _: lessonLayout }
		})
	],
	compilerOptions: {
		// mdsvex layouts use $$props, which runes mode forbids: leave .md files (and
		// dependencies) to decide for themselves, and use runes everywhere else.
		runes: ({ filename }) =>
			filename.endsWith('.md') || filename.split(/[/\\]/).includes('node_modules') ? undefined : true
	},
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: '404.html', strict: true }),
		prerender: { handleHttpError: 'fail', handleMissingId: 'fail' }
	}
};

export default config;
