import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The lab fetches its code with one import() once the page has painted; Vite's preload helper then
 * added a <link> for each of its 29 scripts and stylesheets in a single task, which took 60–250 ms
 * on a loaded machine under Lighthouse. The lab's import keeps its stylesheets (only the helper
 * loads them) and lets the browser fetch its scripts by following the imports.
 */
const labChunks = new Set<string>();
const labChunk: Plugin = {
	name: 'unrolled:lab-chunk',
	apply: 'build',
	generateBundle: {
		order: 'pre',
		handler(_, bundle) {
			for (const chunk of Object.values(bundle)) {
				if (chunk.type === 'chunk' && chunk.facadeModuleId?.endsWith('/routes/(site)/lab/lab-code.ts')) labChunks.add(chunk.fileName);
			}
		}
	}
};

export default defineConfig({
	plugins: [sveltekit(), labChunk],
	server: { port: 5173 },
	// Rolldown's plugin-timing report is noise in every build log; the build time is printed anyway.
	build: {
		rolldownOptions: { checks: { bundlerTimings: false } },
		modulePreload: { resolveDependencies: (file, deps) => (labChunks.has(file) ? [] : deps) }
	},
	preview: { port: Number(process.env.PORT ?? 4173), host: process.env.HOST ?? '127.0.0.1' },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		// npm test must pass on a machine busy with other work: a 5 s default failed a 10 ms test
		// whose first import waited behind other processes. Speed is measured in bench/, not here.
		testTimeout: 30_000
	}
});
