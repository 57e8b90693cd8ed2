import { chromium } from '@playwright/test';
const [url, prefix, width = '1280', scheme = 'light', height = '1300'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) }, colorScheme: scheme });
page.on('console', (m) => m.type() === 'error' && console.log('console error', m.text()));
await page.goto(url, { waitUntil: 'networkidle' });
await page.waitForTimeout(500);
if (process.env.CLICK) { await page.getByRole('button', { name: process.env.CLICK }).click(); await page.waitForTimeout(Number(process.env.WAIT ?? 15000)); }
const total = await page.evaluate(() => document.documentElement.scrollHeight);
let i = 0;
for (let y = 0; y < total; y += Number(height)) {
  await page.evaluate((y) => window.scrollTo(0, y), y);
  await page.waitForTimeout(150);
  await page.screenshot({ path: `/tmp/${prefix}${i++}.png` });
}
console.log(total, i);
await browser.close();
