/**
 * The lines of a training chart, drawn on a canvas laid over the chart's SVG axes. As SVG paths,
 * every update re-parsed hundreds of points per line and re-laid out and repainted the whole
 * drawing, which made each chart update a long task on a throttled (phone-speed) main thread;
 * a canvas redraw of the same points costs a fraction of that.
 *
 * Coordinates are pixels, interleaved: [x0, y0, x1, y1, …].
 */

export type LineKind = 'current' | 'faded' | 'dashed';

export interface CanvasLine {
	kind: LineKind;
	/** A resolved CSS colour (rgb(…)), not a variable: a canvas cannot read custom properties. */
	colour: string;
	/** The line itself (the smoothed trend of a thinned run). */
	points: ArrayLike<number>;
	/** A closed outline filled faintly: the spread of the steps each point stands for. */
	band?: ArrayLike<number> | null;
	/** The raw steps under a short run's trend, drawn thin. */
	raw?: ArrayLike<number> | null;
}

/** The subset of CanvasRenderingContext2D used here (so the drawing can be tested without a browser). */
export type Pen = Pick<
	CanvasRenderingContext2D,
	'beginPath' | 'moveTo' | 'lineTo' | 'closePath' | 'stroke' | 'fill' | 'arc' | 'setLineDash' | 'save' | 'restore' | 'setTransform' | 'clearRect'
> & {
	strokeStyle: CanvasRenderingContext2D['strokeStyle'];
	fillStyle: CanvasRenderingContext2D['fillStyle'];
	lineWidth: number;
	lineJoin: CanvasLineJoin;
	lineCap: CanvasLineCap;
	globalAlpha: number;
};

function trace(pen: Pen, points: ArrayLike<number>, close = false): boolean {
	if (points.length < 4) return false;
	pen.beginPath();
	pen.moveTo(points[0], points[1]);
	for (let i = 2; i < points.length; i += 2) pen.lineTo(points[i], points[i + 1]);
	if (close) pen.closePath();
	return true;
}

/** Stroke widths and opacities as the SVG chart had them (app's chart style). */
const STYLE: Record<LineKind, { width: number; alpha: number; dash: number[] }> = {
	current: { width: 2.25, alpha: 1, dash: [] },
	faded: { width: 1.5, alpha: 0.55, dash: [] },
	dashed: { width: 2.25, alpha: 1, dash: [7, 4] }
};

/**
 * Clears the canvas (`width` × `height` CSS pixels at `scale` device pixels each) and draws the
 * lines in order (earlier entries underneath), then the marker at the current run's end.
 */
export function drawLines(
	pen: Pen,
	size: { width: number; height: number; scale: number },
	lines: readonly CanvasLine[],
	end: { x: number; y: number; colour: string; ring: string } | null
): void {
	pen.setTransform(size.scale, 0, 0, size.scale, 0, 0);
	pen.clearRect(0, 0, size.width, size.height);
	pen.lineJoin = 'round';
	pen.lineCap = 'round';
	for (const line of lines) {
		pen.save();
		if (line.band && trace(pen, line.band, true)) {
			pen.globalAlpha = 0.16;
			pen.fillStyle = line.colour;
			pen.fill();
		} else if (line.raw && trace(pen, line.raw)) {
			pen.globalAlpha = 0.3;
			pen.lineWidth = 1;
			pen.strokeStyle = line.colour;
			pen.stroke();
		}
		const style = STYLE[line.kind];
		if (trace(pen, line.points)) {
			pen.globalAlpha = style.alpha;
			pen.lineWidth = style.width;
			pen.strokeStyle = line.colour;
			pen.setLineDash(style.dash);
			pen.stroke();
		}
		pen.restore();
	}
	if (end && Number.isFinite(end.x) && Number.isFinite(end.y)) {
		pen.save();
		pen.beginPath();
		pen.arc(end.x, end.y, 4, 0, 2 * Math.PI);
		pen.fillStyle = end.colour;
		pen.fill();
		pen.lineWidth = 2;
		pen.strokeStyle = end.ring;
		pen.stroke();
		pen.restore();
	}
}

/**
 * Resolves colour variables (`--c-blue`) to colours a canvas accepts, through a probe element's
 * computed `color`; cached until `forget()` (the theme changed).
 */
export function colourResolver(probe: () => HTMLElement | null | undefined) {
	const cache = new Map<string, string>();
	return {
		get(variable: string): string {
			const hit = cache.get(variable);
			if (hit) return hit;
			const el = probe();
			if (!el) return 'currentColor';
			el.style.color = `var(${variable})`;
			const colour = getComputedStyle(el).color;
			cache.set(variable, colour);
			return colour;
		},
		forget() {
			cache.clear();
		}
	};
}

/**
 * Sizes a canvas's backing store for `width` × `height` CSS pixels on this screen (at most 3
 * device pixels each) and returns that scale. Resizing clears and reallocates the store, so it is
 * only done when the size really changed.
 */
export function fitCanvas(canvas: HTMLCanvasElement, width: number, height: number): number {
	const scale = Math.min(3, window.devicePixelRatio || 1);
	const w = Math.round(width * scale);
	const h = Math.round(height * scale);
	if (canvas.width !== w) canvas.width = w;
	if (canvas.height !== h) canvas.height = h;
	return scale;
}
