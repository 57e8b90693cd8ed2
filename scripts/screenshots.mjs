/**
 * Developer tool: screenshots pages in light and dark, desktop and 375 px, to look at what we
 * ship. Usage: node scripts/screenshots.mjs http://127.0.0.1:4173 /lessons/why-sequences /embed/x
 * Writes PNGs to screenshots/ (git-ignored). With SLICES=1 it first scrolls through the page (so
 * lessons start their lazy widgets, as a reader's scrolling would) and writes the page in slices
 * 2,400 px tall, small enough for an image viewer to show at full size.
 */
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
	console.error('Usage: node scripts/screenshots.mjs BASE_URL PATH [PATH…]');
	process.exit(1);
}
mkdirSync('screenshots', { recursive: true });
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu']
});
for (const path of paths) {
	for (const [device, width] of [['desktop', 1280], ['phone', 375]]) {
		for (const scheme of ['light', 'dark']) {
			const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
			page.on('console', (m) => m.type() === 'error' && console.log(`console error on ${path}: ${m.text()}`));
			await page.goto(base + path, { waitUntil: 'networkidle' });
			await page.waitForTimeout(300);
			const name = `${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'index'}-${device}-${scheme}.png`;
			if (process.env.SLICES) {
				const height = await page.evaluate(async () => {
					for (let y = 0; y < document.documentElement.scrollHeight; y += 600) {
						scrollTo(0, y);
						await new Promise((done) => setTimeout(done, 150));
					}
					scrollTo(0, 0);
					return document.documentElement.scrollHeight;
				});
				await page.waitForLoadState('networkidle');
				await page.waitForTimeout(1500);
				for (let y = 0, i = 0; y < height; y += 2400, i++) {
					const slice = name.replace(/\.png$/, `-${String(i).padStart(2, '0')}.png`);
					const clip = { x: 0, y, width, height: Math.min(2400, height - y) };
					await page.screenshot({ path: `screenshots/${slice}`, fullPage: true, clip });
					console.log(`screenshots/${slice}`);
				}
			} else await page.screenshot({ path: `screenshots/${name}`, fullPage: true });
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			console.log(`screenshots/${name}${overflow > 0 ? `  (horizontal overflow ${overflow}px)` : ''}`);
			await page.close();
		}
	}
}
await browser.close();
