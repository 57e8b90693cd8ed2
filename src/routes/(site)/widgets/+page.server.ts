import { widgetUses } from '$lib/server/widget-uses';
import { widgets } from '$lib/widgets/registry';

export function load() {
	const names = widgets.map((widget) => widget.name);
	const uses = widgetUses(names);
	return {
		widgets: widgets.map(({ name, title, summary }) => ({ name, title, summary, use: uses[name] ?? null }))
	};
}
