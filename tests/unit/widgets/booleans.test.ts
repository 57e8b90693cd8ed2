import { describe, expect, it } from 'vitest';
import { widgets } from '$lib/widgets/registry';
import { parseEmbedOptions } from '$lib/widgets/embed-options';
import { parseBool, parseQuery } from '$lib/widgets/params';

const YES = ['1', 'true', 'TRUE', 'True', 'yes', 'YES', 'Yes', 'on', 'ON', ''];
const NO = ['0', 'false', 'FALSE', 'False', 'no', 'NO', 'No', 'off', 'OFF', 'Off'];
const WRONG = ['2', 'yep', 'nope', 'y', 'n', 'enabled', 'true!', '-1'];

// Loading every widget's definition compiles its components: allow for a busy machine.
describe('yes/no parameters', () => {
	it('parseBool takes the usual spellings in any case and refuses anything else', () => {
		for (const raw of YES) expect(parseBool(raw), raw).toBe(true);
		for (const raw of NO) expect(parseBool(raw), raw).toBe(false);
		for (const raw of WRONG) expect(parseBool(raw), raw).toBeNull();
	});

	it('locked=yes locks the widget; locked=nope is refused with a message and leaves it editable', () => {
		for (const raw of YES) expect(parseEmbedOptions([], new URLSearchParams(`locked=${raw}`)).options.locked, raw).toBe(true);
		for (const raw of NO) {
			const { options, issues } = parseEmbedOptions([], new URLSearchParams(`locked=${raw}`));
			expect(options.locked, raw).toBe(false);
			expect(issues).toEqual([]);
		}
		const { options, issues } = parseEmbedOptions([], new URLSearchParams('locked=nope'));
		expect(options.locked).toBe(false);
		expect(issues).toHaveLength(1);
		expect(issues[0].message).toContain('“locked=nope” is not valid');
		expect(issues[0].message).toContain('yes/no');
	});

	it('every boolean parameter of every widget takes the same spellings', async () => {
		let seen = 0;
		for (const entry of widgets) {
			const { schema } = await entry.load();
			for (const [name, spec] of Object.entries(schema)) {
				if (spec.kind !== 'bool') continue;
				seen++;
				for (const raw of YES) expect(parseQuery(schema, `${name}=${raw}`), `${entry.name} ${name}=${raw}`).toMatchObject({ values: { [name]: true }, issues: [] });
				for (const raw of NO) expect(parseQuery(schema, `${name}=${raw}`), `${entry.name} ${name}=${raw}`).toMatchObject({ values: { [name]: false }, issues: [] });
				for (const raw of WRONG) {
					const parsed = parseQuery(schema, `${name}=${raw}`);
					expect(parsed.values[name], `${entry.name} ${name}=${raw}`).toBe(spec.default);
					expect(parsed.issues[0]?.message).toContain(`“${name}=${raw}” is not valid`);
				}
			}
		}
		expect(seen).toBeGreaterThanOrEqual(3);
	}, 120_000);
});
