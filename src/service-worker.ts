/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Keeps the whole built site in one cache per build version, so after one visit every lesson,
 * embed and the lab open with the network gone. Pages and files are answered from the cache of the
 * version this worker belongs to: a reader never gets half of one release and half of another. A
 * new release installs beside it and waits; the page offers a reload (UpdateBanner), which tells
 * the waiting worker to take over. Old versions' caches are deleted when a new one activates.
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `unrolled-${version}`;
/** Pages are stored under their path; prerendered HTML is served for the same path with any query. */
const ASSETS = [...new Set([...build, ...files, ...prerendered])];
const PAGES = new Set(prerendered);
const STORED = new Set(ASSETS);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll(ASSETS);
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key !== CACHE && key.startsWith('unrolled-')) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if (event.data === 'skip-waiting') void sw.skipWaiting();
});

/** The cached answer for a request, ignoring the query string for pages (`/lab?task=lag`). */
async function fromCache(url: URL): Promise<Response | undefined> {
	const cache = await caches.open(CACHE);
	if (STORED.has(url.pathname) && !PAGES.has(url.pathname)) return cache.match(url.pathname);
	const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
	if (PAGES.has(path)) return cache.match(path);
	return undefined;
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;

	event.respondWith(
		(async () => {
			const cached = await fromCache(url);
			if (cached) return cached;
			try {
				return await fetch(request);
			} catch (error) {
				// Offline and not cached: an unknown path gets the site's own 404 page if it is stored.
				const fallback = request.mode === 'navigate' ? await (await caches.open(CACHE)).match('/404.html') : undefined;
				if (fallback) return fallback;
				throw error;
			}
		})()
	);
});
