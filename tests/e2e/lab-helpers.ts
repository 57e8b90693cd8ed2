import type { Page } from '@playwright/test';

export const step = async (page: Page) => Number((await page.getByTestId('step').textContent())!.replace(/,/g, ''));
const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** Reads a number as the kit writes it: true minus signs, thousands commas, and a×10ⁿ for tiny or huge values. */
export function readShown(text: string): number {
	const plain = text.trim().replace(/−/g, '-').replace(/,/g, '');
	const [mantissa, power] = plain.split('×10');
	if (power === undefined) return Number(mantissa);
	const exponent = power.replace('⁻', '-').replace(/[⁰-⁹¹²³]/g, (d) => String(SUPERSCRIPTS.indexOf(d)));
	return Number(mantissa) * 10 ** Number(exponent);
}

export const loss = async (page: Page) => readShown((await page.getByTestId('loss').textContent())!);
