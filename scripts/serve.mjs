/**
 * Serves the static site in build/ the way a static host does: /x → x.html or x/index.html,
 * anything else → 404.html (SvelteKit's fallback page) with status 404. No dependencies, so
 * `npm start` needs nothing beyond Node.
 *
 * It also does what README asks of any host: the build's precompressed `.br`/`.gz` twins are sent
 * to browsers that accept them, hashed files under /_app/immutable/ may be cached for a year, and
 * everything else (HTML, the service worker, version.json) must be revalidated, so a new release
 * is seen on the next visit.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

/** @type {Record<string, string>} */
const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8',
	'.woff2': 'font/woff2',
	'.woff': 'font/woff',
	'.ttf': 'font/ttf',
	'.wasm': 'application/wasm'
};

/** Encodings the build writes next to each compressible file, best first. */
const ENCODINGS = [
	['br', '.br'],
	['gzip', '.gz']
];

/** The encodings a request accepts (q=0 excluded); `*` accepts any. */
/** @param {string | string[] | undefined} header */
export function acceptedEncodings(header) {
	const accepted = new Set();
	for (const part of String(header ?? '').split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		if (!name || (q && Number(q.slice(2)) === 0)) continue;
		accepted.add(name);
	}
	return accepted;
}

/** @param {string} path */
function isFile(path) {
	return existsSync(path) && statSync(path).isFile();
}

export function serve({ root = 'build', port = 4173, host = '127.0.0.1' } = {}) {
	const base = resolve(root);
	const server = createServer((request, response) => {
		let pathname;
		try {
			pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
		} catch {
			response.writeHead(400).end('Bad request');
			return;
		}
		const safe = normalize(pathname).replace(/^(\.\.[/\\])+/, '');
		const candidates = [join(base, safe), join(base, `${safe}.html`), join(base, safe, 'index.html')];
		let file = candidates.find((path) => path.startsWith(base) && isFile(path));
		let status = 200;
		if (!file) {
			file = join(base, '404.html');
			status = 404;
		}
		const immutable = status === 200 && safe.startsWith('/_app/immutable/');
		/** @type {Record<string, string | number>} */
		const headers = {
			'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
			'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache'
		};
		let body = file;
		const accepted = acceptedEncodings(request.headers['accept-encoding']);
		for (const [encoding, suffix] of ENCODINGS) {
			if (!isFile(file + suffix)) continue;
			// Caches must keep the encodings apart even when this request gets the plain file.
			headers.vary = 'Accept-Encoding';
			if (accepted.has(encoding) || accepted.has('*')) {
				headers['content-encoding'] = encoding;
				body = file + suffix;
				break;
			}
		}
		headers['content-length'] = statSync(body).size;
		response.writeHead(status, headers);
		if (request.method === 'HEAD') response.end();
		else createReadStream(body).pipe(response);
	});
	return new Promise((resolveListen, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolveListen(server));
	});
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const port = Number(process.env.PORT ?? 4173);
	const host = process.env.HOST ?? '127.0.0.1';
	if (!existsSync('build/index.html')) {
		console.error('No build/ found: run `npm start` (which builds first) or `npm run build`.');
		process.exit(1);
	}
	serve({ port, host }).then(
		() => console.log(`Unrolled is being served at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`),
		(error) => {
			console.error(`Could not listen on ${host}:${port}: ${error.message}`);
			process.exit(1);
		}
	);
}
