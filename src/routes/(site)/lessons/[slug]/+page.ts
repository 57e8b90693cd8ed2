import type { Component } from 'svelte';

const lessonModules = import.meta.glob<{ default: Component }>('/lessons/*.md');

export async function load({ data }) {
	const module = await lessonModules[`/lessons/${data.lesson.slug}.md`]();
	return { ...data, component: module.default };
}
