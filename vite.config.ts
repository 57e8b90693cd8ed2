import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173 },
	// Rolldown's plugin-timing report is noise in every build log; the build time is printed anyway.
	build: { rolldownOptions: { checks: { bundlerTimings: false } } },
	preview: { port: Number(process.env.PORT ?? 4173), host: process.env.HOST ?? '127.0.0.1' },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		// npm test must pass on a machine busy with other work: a 5 s default failed a 10 ms test
		// whose first import waited behind other processes. Speed is measured in bench/, not here.
		testTimeout: 30_000
	}
});
