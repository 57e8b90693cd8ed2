/**
 * What a student typed into a NumberCheck, as a number: spaces anywhere are ignored (a thousands
 * gap like "1 000"), a decimal comma is read as a point, and a trailing % is dropped because the
 * questions that ask "in %" expect the number of percent. Null when it is not a number.
 */
export function readNumber(typed: string): number | null {
	const text = typed.replace(/\s+/g, '').replace(/%$/, '').replace(',', '.');
	if (text === '') return null;
	const value = Number(text);
	return Number.isFinite(value) ? value : null;
}
