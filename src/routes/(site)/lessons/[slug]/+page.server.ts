import { error } from '@sveltejs/kit';
import { findLesson, listLessons } from '$lib/server/catalog';

export function entries() {
	return listLessons().map((lesson) => ({ slug: lesson.slug }));
}

export function load({ params }) {
	const found = findLesson(params.slug);
	if (!found) error(404, `There is no lesson called “${params.slug}”.`);
	return found;
}
