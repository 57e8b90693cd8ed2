import { listLessons } from '$lib/server/catalog';

export function load() {
	return { lessons: listLessons() };
}
