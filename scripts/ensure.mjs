/**
 * What `npm start` and `npm test` need before they run, installed only when missing, so a fresh
 * clone on a machine with just Node and npm works with one command. No dependencies of its own.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const LOCK_STAMP = 'node_modules/.unrolled-lock-hash';

export function run(command, args, options = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.error) throw result.error;
	return result.status ?? 1;
}

function lockHash() {
	return createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
}

/** Runs `npm ci` when node_modules is absent or was installed from another package-lock.json. */
export function ensureDependencies() {
	const wanted = lockHash();
	const installed = existsSync(LOCK_STAMP) ? readFileSync(LOCK_STAMP, 'utf8').trim() : '';
	if (existsSync('node_modules') && installed === wanted) return;
	console.log('Installing dependencies (npm ci)…');
	// Playwright must not download its own browser: there is no such download here; we use Debian's.
	const status = run('npm', ['ci', '--no-audit', '--no-fund'], {
		env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' }
	});
	if (status !== 0) {
		console.error('npm ci failed; see the messages above.');
		process.exit(status);
	}
	writeFileSync(LOCK_STAMP, wanted);
}

export function chromiumPath() {
	return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Installs Debian's chromium for the browser tests when it is missing (as root), or says how. */
export function ensureChromium() {
	if (existsSync(chromiumPath())) return;
	const command = 'apt-get update && apt-get install -y chromium';
	if (typeof process.getuid === 'function' && process.getuid() === 0) {
		console.log(`Chromium is missing; installing Debian's package (${command})…`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		if (run('apt-get', ['update'], { env }) === 0 && run('apt-get', ['install', '-y', 'chromium'], { env }) === 0 && existsSync(chromiumPath())) return;
		console.error('Installing chromium failed; see the messages above.');
	} else {
		console.error(`The browser tests need Chromium at ${chromiumPath()}. Install it with:\n  sudo ${command.replace('&& ', '&& sudo ')}\nor set CHROMIUM_PATH to a Chromium binary.`);
	}
	process.exit(1);
}
