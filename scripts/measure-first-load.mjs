/**
 * Developer tool: the JavaScript a page loads on first visit, gzip-compressed, from the build.
 * Usage: node scripts/measure-first-load.mjs /lessons/why-sequences [/other …] (after a build;
 * starts its own static server on a spare port).
 */
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { serve } from './serve.mjs';

const paths = process.argv.slice(2);
const port = 4800 + (process.pid % 100);
const server = await serve({ port });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const path of paths) {
	const page = await browser.newPage();
	const scripts = new Set();
	page.on('request', (request) => {
		if (request.resourceType() === 'script') scripts.add(new URL(request.url()).pathname);
	});
	await page.goto(`http://127.0.0.1:${port}${path}`, { waitUntil: 'networkidle' });
	let raw = 0;
	let gzip = 0;
	for (const script of scripts) {
		const bytes = readFileSync(`build${script}`);
		raw += bytes.length;
		gzip += gzipSync(bytes, { level: 9 }).length;
	}
	console.log(`${path}: ${scripts.size} scripts, ${(raw / 1024).toFixed(1)} KB raw, ${(gzip / 1024).toFixed(1)} KB gzip`);
	await page.close();
}
await browser.close();
server.close();
