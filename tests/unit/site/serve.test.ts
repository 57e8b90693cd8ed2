// The static server behind `npm start` and the browser tests: precompressed files by
// Accept-Encoding, and cache lifetimes by whether a file's name is hashed.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncodings, serve } from '../../../scripts/serve.mjs';

const script = 'export const answer = 42;\n'.repeat(40);
let root: string;
let server: Server;
let base: string;

beforeAll(async () => {
	root = mkdtempSync(join(tmpdir(), 'unrolled-serve-'));
	mkdirSync(join(root, '_app/immutable/chunks'), { recursive: true });
	const asset = join(root, '_app/immutable/chunks/app.abc123.js');
	writeFileSync(asset, script);
	writeFileSync(`${asset}.br`, brotliCompressSync(script));
	writeFileSync(`${asset}.gz`, gzipSync(script));
	writeFileSync(join(root, 'index.html'), '<!doctype html><title>home</title>');
	writeFileSync(join(root, 'index.html.gz'), gzipSync('<!doctype html><title>home</title>'));
	writeFileSync(join(root, '404.html'), '<!doctype html><title>not found</title>');
	writeFileSync(join(root, 'plain.js'), 'x');
	server = await serve({ root, port: 0 });
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
	server?.close();
	rmSync(root, { recursive: true, force: true });
});

/** A raw GET: fetch would decode the body itself, hiding the encoding under test. */
function get(path: string, acceptEncoding: string) {
	return new Promise<{ response: { status: number; headers: { get(name: string): string | null } }; body: Buffer }>((done, fail) => {
		httpGet(base + path, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => {
				const headers = new Map(Object.entries(res.headers).map(([k, v]) => [k, String(v)]));
				done({ response: { status: res.statusCode ?? 0, headers: { get: (k: string) => headers.get(k) ?? null } }, body: Buffer.concat(chunks) });
			});
		}).on('error', fail);
	});
}

describe('scripts/serve.mjs', () => {
	it('sends the brotli twin of a hashed script to a browser that accepts br, cached for a year', async () => {
		const { response, body } = await get('/_app/immutable/chunks/app.abc123.js', 'gzip, deflate, br');
		expect(response.headers.get('content-encoding')).toBe('br');
		expect(response.headers.get('vary')).toBe('Accept-Encoding');
		expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
		expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(brotliDecompressSync(body).toString()).toBe(script);
	});

	it('falls back to gzip, then to the plain file', async () => {
		const gz = await get('/_app/immutable/chunks/app.abc123.js', 'gzip');
		expect(gz.response.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(gz.body).toString()).toBe(script);
		const refusedBr = await get('/_app/immutable/chunks/app.abc123.js', 'br;q=0, gzip');
		expect(refusedBr.response.headers.get('content-encoding')).toBe('gzip');
		const plain = await get('/_app/immutable/chunks/app.abc123.js', 'identity');
		expect(plain.response.headers.get('content-encoding')).toBeNull();
		expect(plain.response.headers.get('vary')).toBe('Accept-Encoding');
		expect(plain.body.toString()).toBe(script);
	});

	it('asks browsers to revalidate pages, and compresses them too', async () => {
		const { response, body } = await get('/', 'gzip, br');
		expect(response.headers.get('cache-control')).toBe('no-cache');
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(body).toString()).toContain('<title>home</title>');
	});

	it('does not mark unhashed files or missing pages immutable', async () => {
		const plain = await get('/plain.js', 'br');
		expect(plain.response.headers.get('cache-control')).toBe('no-cache');
		expect(plain.response.headers.get('vary')).toBeNull();
		const missing = await get('/_app/immutable/chunks/gone.js', 'br');
		expect(missing.response.status).toBe(404);
		expect(missing.response.headers.get('cache-control')).toBe('no-cache');
	});

	it('reads Accept-Encoding with q-values', () => {
		expect([...acceptedEncodings('gzip, deflate, br, zstd')]).toEqual(['gzip', 'deflate', 'br', 'zstd']);
		expect([...acceptedEncodings('br;q=0, gzip;q=0.5')]).toEqual(['gzip']);
		expect([...acceptedEncodings(undefined)]).toEqual([]);
	});
});
