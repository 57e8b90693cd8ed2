/**
 * A student's progress through the course, kept in localStorage so it survives reloads without
 * an account. Reads are guarded: private browsing or a full quota must never break a lesson.
 */
import { browser } from '$app/environment';

export type LessonStatus = 'new' | 'visited' | 'finished';

const STORAGE_KEY = 'unrolled:progress';

function load(): Record<string, LessonStatus> {
	if (!browser) return {};
	try {
		const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
		if (!parsed || typeof parsed !== 'object') return {};
		const result: Record<string, LessonStatus> = {};
		for (const [slug, status] of Object.entries(parsed)) {
			if (status === 'visited' || status === 'finished') result[slug] = status;
		}
		return result;
	} catch {
		return {};
	}
}

class Progress {
	statuses = $state<Record<string, LessonStatus>>({});

	constructor() {
		this.statuses = load();
	}

	status(slug: string): LessonStatus {
		return this.statuses[slug] ?? 'new';
	}

	markVisited(slug: string) {
		if (this.status(slug) === 'new') this.set(slug, 'visited');
	}

	setFinished(slug: string, finished: boolean) {
		this.set(slug, finished ? 'finished' : 'visited');
	}

	private set(slug: string, status: LessonStatus) {
		this.statuses = { ...this.statuses, [slug]: status };
		try {
			localStorage.setItem(STORAGE_KEY, JSON.stringify(this.statuses));
		} catch {
			// Storage can be unavailable (private mode, quota); progress then lasts for this visit.
		}
	}
}

export const progress = new Progress();
