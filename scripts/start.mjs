/** `npm start`: install what is missing, build the static site into build/, serve it. */
import { ensureDependencies, run } from './ensure.mjs';

ensureDependencies();
console.log('Building the site…');
if (run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']) !== 0) {
	console.error('The build failed; see the messages above.');
	process.exit(1);
}
const { serve } = await import('./serve.mjs');
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';
try {
	await serve({ port, host });
	console.log(`\nUnrolled is ready at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/  (Ctrl+C stops it)`);
} catch (error) {
	console.error(`Could not listen on ${host}:${port}: ${error.message}. Set PORT to use another port.`);
	process.exit(1);
}
