/**
 * Options every embedded widget accepts, beside its own parameters: an instructor can lock a
 * widget read-only, hide chosen controls, and pin the colour theme to match a slide deck.
 */
import { BOOL_WORDS, parseBool, type ParamIssue } from './params';

export const EMBED_PARAMS = ['locked', 'hide', 'theme'] as const;

export type EmbedTheme = 'auto' | 'light' | 'dark';

export interface EmbedOptions {
	locked: boolean;
	hidden: string[];
	theme: EmbedTheme;
}

export const DEFAULT_EMBED_OPTIONS: EmbedOptions = { locked: false, hidden: [], theme: 'auto' };

export function parseEmbedOptions(
	controls: readonly string[],
	params: URLSearchParams
): { options: EmbedOptions; issues: ParamIssue[] } {
	const options: EmbedOptions = { ...DEFAULT_EMBED_OPTIONS, hidden: [] };
	const issues: ParamIssue[] = [];

	const locked = params.get('locked');
	if (locked !== null) {
		const value = parseBool(locked);
		if (value !== null) options.locked = value;
		else
			issues.push({
				param: 'locked',
				message: `“locked=${locked}” is not valid: locked accepts ${BOOL_WORDS}. The widget stays editable.`
			});
	}

	const hide = params.get('hide');
	if (hide !== null && hide.trim() !== '') {
		for (const name of hide.split(',').map((part) => part.trim()).filter(Boolean)) {
			if (controls.includes(name)) options.hidden.push(name);
			else
				issues.push({
					param: 'hide',
					message: `“hide=${name}” names no control of this widget. Controls that can be hidden: ${controls.length ? controls.join(', ') : 'none'}.`
				});
		}
	}

	const theme = params.get('theme');
	if (theme !== null) {
		if (theme === 'auto' || theme === 'light' || theme === 'dark') options.theme = theme;
		else issues.push({ param: 'theme', message: `“theme=${theme}” is not valid: theme accepts auto, light or dark.` });
	}
	return { options, issues };
}

export function appendEmbedOptions(params: URLSearchParams, options: EmbedOptions): URLSearchParams {
	if (options.locked) params.set('locked', '1');
	if (options.hidden.length) params.set('hide', options.hidden.join(','));
	if (options.theme !== 'auto') params.set('theme', options.theme);
	return params;
}
