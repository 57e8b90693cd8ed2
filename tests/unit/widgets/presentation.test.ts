import { describe, expect, it } from 'vitest';
import { presentationZoom } from '$lib/widgets/presentation';
import { summaryParts } from '$lib/widgets/summary';
import { widgets } from '$lib/widgets/registry';

describe('presentationZoom(width)', () => {
	it('lays a widget out as in a 720 px column on a laptop or projector', () => {
		expect(presentationZoom(1280)).toBeCloseTo(1280 / 720, 12);
		expect(presentationZoom(1024)).toBeCloseTo(1024 / 720, 12);
	});
	it('still grows a little on a phone and stops at 2.25 on a huge screen', () => {
		expect(presentationZoom(375)).toBe(1.1);
		expect(presentationZoom(3840)).toBe(2.25);
	});
	it('leaves a window it cannot measure at its normal size', () => {
		expect(presentationZoom(0)).toBe(1);
		expect(presentationZoom(Number.NaN)).toBe(1);
	});
});

describe('summaryParts(summary)', () => {
	it('turns h_t, W_xh and h_{t−1} into subscripts', () => {
		expect(summaryParts('step h_t = tanh(W_xh x_t + W_hh h_{t−1})')).toEqual([
			{ text: 'step h', sub: 't' },
			{ text: ' = tanh(W', sub: 'xh' },
			{ text: ' x', sub: 't' },
			{ text: ' + W', sub: 'hh' },
			{ text: ' h', sub: 't−1' },
			{ text: ')' }
		]);
	});
	it('keeps an identifier such as return_sequences whole', () => {
		expect(summaryParts('with or without return_sequences: shapes')).toEqual([
			{ text: 'with or without return_sequences: shapes' }
		]);
	});
	it('leaves no raw subscript in any gallery summary', () => {
		for (const widget of widgets) {
			const text = summaryParts(widget.summary)
				.map((part) => part.text)
				.join(' ');
			expect(text.replace(/return_sequences/g, '')).not.toMatch(/_/);
		}
	});
});
