import { describe, expect, it } from 'vitest';
import { drawLines, type CanvasLine, type Pen } from '$lib/ui/charts/canvas-lines';

/** A pen that writes down what it strokes and fills, with the style in force at that moment. */
function recorder() {
	const marks: { op: 'stroke' | 'fill'; points: number[][]; colour: string; alpha: number; width: number; dash: number[] }[] = [];
	let path: number[][] = [];
	let dash: number[] = [];
	const stack: { alpha: number; width: number; dash: number[]; stroke: string; fill: string }[] = [];
	const pen = {
		strokeStyle: '',
		fillStyle: '',
		lineWidth: 1,
		lineJoin: 'miter',
		lineCap: 'butt',
		globalAlpha: 1,
		beginPath: () => (path = []),
		moveTo: (x: number, y: number) => path.push([x, y]),
		lineTo: (x: number, y: number) => path.push([x, y]),
		arc: (x: number, y: number) => path.push([x, y]),
		closePath: () => {},
		setLineDash: (d: number[]) => (dash = d),
		save: () => stack.push({ alpha: pen.globalAlpha, width: pen.lineWidth, dash, stroke: pen.strokeStyle as string, fill: pen.fillStyle as string }),
		restore: () => {
			const s = stack.pop()!;
			pen.globalAlpha = s.alpha;
			pen.lineWidth = s.width;
			dash = s.dash;
			pen.strokeStyle = s.stroke;
			pen.fillStyle = s.fill;
		},
		setTransform: () => {},
		clearRect: () => marks.splice(0),
		stroke: () => marks.push({ op: 'stroke', points: path, colour: pen.strokeStyle as string, alpha: pen.globalAlpha, width: pen.lineWidth, dash }),
		fill: () => marks.push({ op: 'fill', points: path, colour: pen.fillStyle as string, alpha: pen.globalAlpha, width: pen.lineWidth, dash })
	};
	return { pen: pen as unknown as Pen, marks };
}

const size = { width: 300, height: 200, scale: 2 };

describe('drawLines', () => {
	it('draws earlier runs first, faint and thin, and the current run on top with its band and end marker', () => {
		const { pen, marks } = recorder();
		const lines: CanvasLine[] = [
			{ kind: 'faded', colour: 'rgb(1, 1, 1)', points: [0, 10, 50, 20, 100, 30] },
			{ kind: 'current', colour: 'rgb(2, 2, 2)', points: [0, 100, 100, 50], band: [0, 90, 100, 40, 100, 60, 0, 110] }
		];
		drawLines(pen, size, lines, { x: 100, y: 50, colour: 'rgb(2, 2, 2)', ring: 'white' });
		expect(marks.map((m) => `${m.op} ${m.colour}`)).toEqual(['stroke rgb(1, 1, 1)', 'fill rgb(2, 2, 2)', 'stroke rgb(2, 2, 2)', 'fill rgb(2, 2, 2)', 'stroke white']);
		const [faded, band, current, dot] = marks;
		expect(faded.points).toEqual([[0, 10], [50, 20], [100, 30]]);
		expect(faded.alpha).toBeLessThan(1);
		expect(faded.width).toBeLessThan(current.width);
		expect(band.alpha).toBeLessThan(0.5);
		expect(band.points).toHaveLength(4);
		expect(current.alpha).toBe(1);
		expect(current.dash).toEqual([]);
		expect(dot.points).toEqual([[100, 50]]);
	});

	it('dashes the measured (validation) line and draws a short run’s raw steps thinly under its trend', () => {
		const { pen, marks } = recorder();
		drawLines(
			pen,
			size,
			[
				{ kind: 'current', colour: 'a', points: [0, 0, 10, 10], raw: [0, 5, 5, 0, 10, 12] },
				{ kind: 'dashed', colour: 'b', points: [0, 1, 10, 2] }
			],
			null
		);
		expect(marks.map((m) => `${m.op} ${m.colour} ${m.width}`)).toEqual(['stroke a 1', 'stroke a 2.25', 'stroke b 2.25']);
		expect(marks[2].dash.length).toBeGreaterThan(0);
		expect(marks[0].alpha).toBeLessThan(1);
	});

	it('draws nothing for a line of fewer than two points, and no marker at a non-finite position', () => {
		const { pen, marks } = recorder();
		drawLines(pen, size, [{ kind: 'current', colour: 'a', points: [5, 5] }], { x: Number.NaN, y: 1, colour: 'a', ring: 'b' });
		expect(marks).toEqual([]);
	});
});
