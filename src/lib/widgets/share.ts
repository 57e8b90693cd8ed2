/** Links and snippets an instructor copies to reproduce a widget's current state elsewhere. */
import { appendEmbedOptions, type EmbedOptions } from './embed-options';
import { serializeQuery, type Schema, type Values } from './params';

export const HEIGHT_MESSAGE = 'unrolled:height';

export function embedUrl<S extends Schema>(
	origin: string,
	name: string,
	schema: S,
	values: Values<S>,
	options: EmbedOptions
): string {
	const query = appendEmbedOptions(serializeQuery(schema, values), options).toString();
	return `${origin}/embed/${name}${query ? `?${query}` : ''}`;
}

function escapeAttribute(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function iframeSnippet(url: string, title: string, height = 520): string {
	return `<iframe src="${escapeAttribute(url)}" title="${escapeAttribute(title)}" width="100%" height="${height}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

/** Pasted once per host page: lets every Unrolled iframe size itself to its content. */
export const RESIZE_SNIPPET = `<script>
addEventListener('message', function (event) {
  if (!event.data || event.data.type !== '${HEIGHT_MESSAGE}') return;
  document.querySelectorAll('iframe').forEach(function (frame) {
    if (frame.contentWindow === event.source) frame.style.height = event.data.height + 'px';
  });
});
</script>`;

/** The query key naming which widget of a lesson page a lesson link's state belongs to. */
export const LESSON_WIDGET_PARAM = 'widget';

/** A lesson page opened at one widget (`#widget-<key>`) with that widget's state in the query. */
export function lessonUrl<S extends Schema>(
	origin: string,
	pathname: string,
	key: string,
	schema: S,
	values: Values<S>
): string {
	const query = serializeQuery(schema, values);
	const params = new URLSearchParams([[LESSON_WIDGET_PARAM, key], ...query]);
	return `${origin}${pathname}?${params}#widget-${key}`;
}
