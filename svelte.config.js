import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';
import remarkMath from 'remark-math';
import rehypeKatexSvelte from 'rehype-katex-svelte';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rehypeHeadingIds } from './src/lib/lesson/slug.js';

// mdsvex needs an absolute layout path; a relative one fails to resolve.
const lessonLayout = fileURLToPath(new URL('./src/lib/lesson/LessonLayout.svelte', import.meta.url));

/**
 * SvelteKit hashes the scripts it writes, not the ones in app.html: the theme script there (it runs
 * before first paint) is hashed here, so editing it can never leave it blocked by the policy.
 */
const appHtml = readFileSync(new URL('./src/app.html', import.meta.url), 'utf8');
const appScriptHashes = [...appHtml.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
	([, body]) => /** @type {`sha256-${string}`} */ (`sha256-${createHash('sha256').update(body).digest('base64')}`)
);

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
		// precompress writes .br and .gz next to every text file; scripts/serve.mjs (and any host set up
		// as README says) sends them to browsers that accept them.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: '404.html', strict: true, precompress: true }),
		// Registered by src/lib/components/UpdateBanner.svelte, which offers a new version rather than
		// swapping it in under the reader.
		serviceWorker: { register: false },
		// Prerendered pages get the policy as a <meta> tag with hashes of SvelteKit's inline scripts.
		// Scripts and workers come from the site only, never eval. Styles allow 'unsafe-inline':
		// KaTeX's formulas and Svelte's SSR output carry style="" attributes (heights, struts,
		// colours), and a hash cannot cover an attribute; styles cannot run code. frame-ancestors
		// cannot be set by <meta>, and embeds must stay framable anyway (README lists host headers).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', ...appScriptHashes],
				'worker-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		},
		prerender: { handleHttpError: 'fail', handleMissingId: 'fail' }
	}
};

export default config;
