import { error } from '@sveltejs/kit';
import { findWidget, widgets } from '$lib/widgets/registry';

export function entries() {
	return widgets.map((widget) => ({ widget: widget.name }));
}

export async function load({ params }) {
	const entry = findWidget(params.widget);
	if (!entry) error(404, `There is no widget called “${params.widget}”.`);
	return { name: entry.name, title: entry.title, definition: await entry.load() };
}
