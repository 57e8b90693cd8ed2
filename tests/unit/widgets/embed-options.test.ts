import { describe, expect, it } from 'vitest';
import { appendEmbedOptions, parseEmbedOptions } from '$lib/widgets/embed-options';
import { embedUrl, iframeSnippet } from '$lib/widgets/share';
import { schema } from '$lib/widgets/param-counter/model';
import { parseQuery } from '$lib/widgets/params';

const controls = ['cell', 'input', 'hidden'];

describe('parseEmbedOptions', () => {
	it('reads locked, hide and theme', () => {
		const { options, issues } = parseEmbedOptions(controls, new URLSearchParams('locked=1&hide=cell,input&theme=dark'));
		expect(issues).toEqual([]);
		expect(options).toEqual({ locked: true, hidden: ['cell', 'input'], theme: 'dark' });
	});

	it('names controls that do not exist and lists those that do', () => {
		const { options, issues } = parseEmbedOptions(controls, new URLSearchParams('hide=cell,banana&theme=pink'));
		expect(options.hidden).toEqual(['cell']);
		expect(issues.map((issue) => issue.param)).toEqual(['hide', 'theme']);
		expect(issues[0].message).toContain('cell, input, hidden');
	});

	it('round-trips through appendEmbedOptions', () => {
		const options = { locked: true, hidden: ['input'], theme: 'light' as const };
		const params = appendEmbedOptions(new URLSearchParams(), options);
		expect(parseEmbedOptions(controls, params).options).toEqual(options);
	});
});

describe('share links', () => {
	it('an embed link reproduces the same widget state', () => {
		const values = { ...parseQuery(schema, '').values, cell: 'lstm' as const, hidden: [7, 9], head: 1 };
		const url = new URL(embedUrl('https://unrolled.test', 'param-counter', schema, values, { locked: true, hidden: [], theme: 'auto' }));
		expect(url.pathname).toBe('/embed/param-counter');
		expect(parseQuery(schema, url.searchParams, ['locked', 'hide', 'theme'])).toEqual({ values, issues: [] });
		expect(url.searchParams.get('locked')).toBe('1');
	});

	it('the iframe snippet escapes the link and has a title', () => {
		const snippet = iframeSnippet('https://x.test/embed/a?b=1&c="2"', 'A "widget"');
		expect(snippet).toContain('src="https://x.test/embed/a?b=1&amp;c=&quot;2&quot;"');
		expect(snippet).toContain('title="A &quot;widget&quot;"');
	});
});
