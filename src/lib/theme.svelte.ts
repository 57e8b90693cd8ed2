/**
 * The reader's theme choice. 'system' follows the operating system; a choice is remembered.
 * app.html applies the stored choice before first paint; this keeps it in sync afterwards.
 */
import { browser } from '$app/environment';

export type ThemeChoice = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'unrolled:theme';

function stored(): ThemeChoice {
	if (!browser) return 'system';
	try {
		const value = localStorage.getItem(STORAGE_KEY);
		return value === 'light' || value === 'dark' ? value : 'system';
	} catch {
		return 'system';
	}
}

class Theme {
	choice = $state<ThemeChoice>(stored());

	set(choice: ThemeChoice, remember = true) {
		this.choice = choice;
		if (!browser) return;
		if (choice === 'system') delete document.documentElement.dataset.theme;
		else document.documentElement.dataset.theme = choice;
		if (!remember) return;
		try {
			if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
			else localStorage.setItem(STORAGE_KEY, choice);
		} catch {
			// Not remembered when storage is unavailable; the choice still applies to this page.
		}
	}

	/** The scheme actually shown, resolving 'system' through the media query. */
	get resolved(): 'light' | 'dark' {
		if (this.choice !== 'system') return this.choice;
		return browser && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
	}
}

export const theme = new Theme();
