/**
 * `npm run bench:ui -- --profile`: what the page's main thread does inside its long tasks.
 *
 * The trace then also records V8's sampling CPU profiler (category
 * `disabled-by-default-v8.cpu_profiler`). Every sample that falls inside a main-thread task of over
 * 50 ms is charged to the function on top of the stack (self time) and to the component file of the
 * nearest frame from the site's own code; trace events nested in those tasks (style, layout,
 * paint, GC, …) are summed by name. Built files are minified: build with source maps
 * (`npx vite build --sourcemap`) and positions are mapped back to `src/` (the `.map` files are
 * read from build/ next to each chunk); without them the table names minified functions.
 *
 * Profiling itself costs time, so the busy and long figures of a profiled run read high.
 *
 * `mainThreadCpu` (at the end) reads any trace, profiled or not: the thread time of the page's tasks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const profileCategories = 'disabled-by-default-v8.cpu_profiler';

// --- source maps (a small reader: VLQ mappings → original file, line, name) ----------------------

const B64 = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

function decodeMappings(mappings) {
	const lines = [];
	const state = [0, 0, 0, 0, 0];
	for (const line of mappings.split(';')) {
		const segments = [];
		state[0] = 0;
		for (const segment of line.split(',')) {
			if (!segment) continue;
			const values = [];
			let value = 0;
			let shift = 0;
			for (const ch of segment) {
				const digit = B64[ch];
				value += (digit & 31) << shift;
				if (digit & 32) shift += 5;
				else {
					values.push(value & 1 ? -(value >>> 1) : value >>> 1);
					value = 0;
					shift = 0;
				}
			}
			for (let i = 0; i < values.length; i++) state[i] += values[i];
			segments.push(values.length >= 4 ? [state[0], state[1], state[2], state[3], values.length >= 5 ? state[4] : -1] : [state[0], -1]);
		}
		lines.push(segments);
	}
	return lines;
}

const maps = new Map();
function sourceMap(url) {
	if (maps.has(url)) return maps.get(url);
	let map = null;
	try {
		const file = join('build', new URL(url).pathname) + '.map';
		if (existsSync(file)) {
			const raw = JSON.parse(readFileSync(file, 'utf8'));
			map = { sources: raw.sources, names: raw.names ?? [], lines: decodeMappings(raw.mappings) };
		}
	} catch {
		map = null;
	}
	maps.set(url, map);
	return map;
}

/** Original position of a generated 0-based line and column, or null. */
function original(url, line, column) {
	const map = sourceMap(url);
	const segments = map?.lines[line];
	if (!segments) return null;
	let best = null;
	for (const s of segments) {
		if (s[0] > column) break;
		if (s[1] >= 0) best = s;
	}
	if (!best) return null;
	const source = map.sources[best[1]].replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, 'node_modules/');
	return { source, line: best[2] + 1, name: best[4] >= 0 ? map.names[best[4]] : null };
}

function describe(frame) {
	const { functionName, url, lineNumber, columnNumber } = frame;
	if (!url) return { label: functionName || '(anonymous)', file: null };
	const at = original(url, lineNumber, columnNumber);
	if (at) return { label: `${functionName || '(anonymous)'} ${at.source}:${at.line}`, file: at.source };
	const path = url.startsWith('http') ? new URL(url).pathname : url;
	return { label: `${functionName || '(anonymous)'} ${path}:${lineNumber + 1}:${columnNumber + 1}`, file: path };
}

// --- the trace ----------------------------------------------------------------------------------

/** Samples of the thread `key` ("pid:tid"): [{ time (µs, trace clock), node }] and the node table. */
function samplesOf(events, key) {
	const profiles = new Map();
	for (const e of events) {
		// Ids are per process: a trace across a navigation holds several renderers' profiles.
		if (e.name === 'Profile' && `${e.pid}:${e.tid}` === key) profiles.set(`${e.pid}:${e.id}`, { start: e.args.data.startTime, nodes: new Map(), samples: [] });
	}
	for (const e of events) {
		if (e.name !== 'ProfileChunk' || !profiles.has(`${e.pid}:${e.id}`)) continue;
		const p = profiles.get(`${e.pid}:${e.id}`);
		const data = e.args.data;
		for (const node of data.cpuProfile?.nodes ?? []) p.nodes.set(node.id, node);
		const ids = data.cpuProfile?.samples ?? [];
		const deltas = data.timeDeltas ?? [];
		p.time ??= p.start;
		for (let i = 0; i < ids.length; i++) {
			p.time += deltas[i] ?? 0;
			p.samples.push({ time: p.time, node: ids[i] });
		}
	}
	return [...profiles.values()];
}

const IGNORED = new Set(['(idle)', '(root)']);
// What a task was doing, named in the per-task lines.
const KINDS = new Set(['FireAnimationFrame', 'TimerFire', 'HandlePostMessage', 'EventDispatch', 'Layout', 'UpdateLayoutTree', 'Paint', 'PrePaint', 'Layerize', 'MajorGC', 'MinorGC', 'ParseHTML', 'EvaluateScript', 'FunctionCall', 'HitTest', 'ScheduleStyleRecalculation']);

/**
 * @param events trace events of the measuring window
 * @param mainKey "pid:tid" of the page's main thread
 * @param fromUs where the measuring window opens (trace clock, µs)
 * @returns a summary: long tasks seen, top self-time functions, top component files, top events
 */
export function profileLongTasks(events, mainKey, fromUs = 0, top = 12) {
	const tasks = events
		.filter((e) => e.name === 'RunTask' && e.ph === 'X' && `${e.pid}:${e.tid}` === mainKey && e.dur > 50_000)
		.map((e) => ({ from: e.ts, to: e.ts + e.dur, ms: e.dur / 1000, cpuMs: (e.tdur ?? e.dur) / 1000 }));
	for (const task of tasks) {
		task.kinds = new Map();
		task.owners = new Map();
	}
	const taskAt = (t) => tasks.find((task) => t >= task.from && t <= task.to);
	const inside = (t) => taskAt(t) !== undefined;
	const self = new Map();
	const files = new Map();
	const windowSelf = new Map();
	let sampled = 0;
	let windowSampled = 0;
	for (const profile of samplesOf(events, mainKey)) {
		let previous = profile.start;
		for (const { time, node: id } of profile.samples) {
			const ms = (time - previous) / 1000;
			previous = time;
			const node = profile.nodes.get(id);
			if (time < fromUs) continue;
			if (!node || IGNORED.has(node.callFrame.functionName)) continue;
			const { label } = describe(node.callFrame);
			windowSelf.set(label, (windowSelf.get(label) ?? 0) + ms);
			windowSampled += ms;
			if (!inside(time)) continue;
			sampled += ms;
			self.set(label, (self.get(label) ?? 0) + ms);
			// The component (or module) responsible: the nearest frame in the site's own code.
			let owner = '(browser / no site frame)';
			for (let n = node; n; n = profile.nodes.get(n.parent)) {
				const { file } = describe(n.callFrame);
				if (file && (file.startsWith('src/') || file.startsWith('/_app/'))) {
					owner = file;
					break;
				}
			}
			files.set(owner, (files.get(owner) ?? 0) + ms);
			const task = taskAt(time);
			task.owners.set(owner, (task.owners.get(owner) ?? 0) + ms);
		}
	}
	const byName = new Map();
	const windowByName = new Map();
	for (const e of events) {
		if (e.ph !== 'X' || e.name === 'RunTask' || `${e.pid}:${e.tid}` !== mainKey || !e.dur) continue;
		// Thread time where the trace has it: waiting for a core is not the page's cost.
		const ms = (e.tdur ?? e.dur) / 1000;
		if (KINDS.has(e.name)) windowByName.set(e.name, (windowByName.get(e.name) ?? 0) + ms);
		const task = taskAt(e.ts);
		if (!task) continue;
		byName.set(e.name, (byName.get(e.name) ?? 0) + ms);
		if (KINDS.has(e.name)) task.kinds.set(e.name, (task.kinds.get(e.name) ?? 0) + ms);
	}
	const sorted = (map) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, ms: +ms.toFixed(1) }));
	return {
		longTasks: tasks.map((t) => ({
			ms: Math.round(t.ms),
			cpuMs: Math.round(t.cpuMs),
			what: [...t.kinds.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, ms]) => `${k} ${Math.round(ms)}`).join(', '),
			files: [...t.owners.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([f, ms]) => `${f.replace(/^src\/lib\//, '')} ${Math.round(ms)}`).join(', ')
		})),
		sampledMs: Math.round(sampled),
		selfTime: sorted(self),
		owners: sorted(files),
		events: sorted(byName),
		windowEvents: sorted(windowByName),
		windowSampledMs: Math.round(windowSampled),
		windowSelfTime: sorted(windowSelf)
	};
}

/** Lines for the console. */
export function profileLines(name, rate, p) {
	const out = [`  profile ${name} at ${rate}×: ${p.longTasks.length} main-thread task(s) over 50 ms (wall / thread ms; what ran, ms; sampled site files, ms)`];
	for (const t of [...p.longTasks].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 8)) out.push(`    ${t.ms} / ${t.cpuMs}: ${t.what || '?'}; ${t.files || '-'}`);
	const list = (title, rows, total) => {
		if (!rows.length) return;
		out.push(`    ${title}${total !== undefined ? ` (of ${total} ms sampled)` : ''}:`);
		for (const r of rows) out.push(`      ${String(r.ms).padStart(7)} ms  ${r.name}`);
	};
	list('self time inside long tasks', p.selfTime, p.sampledMs);
	list('by nearest site file inside long tasks', p.owners);
	list('trace events inside long tasks (thread time, inclusive: nested ones counted again)', p.events);
	list('trace events over the whole window (thread time, inclusive)', p.windowEvents);
	list('self time over the whole window', p.windowSelfTime, p.windowSampledMs);
	return out;
}

/** Thread time of the renderer main thread's tasks: total, longest, and how many ran over 50 ms. */
export function mainThreadCpu(events, fromUs = 0, toUs = Infinity, mainKey = undefined) {
	const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
	const byThread = new Map();
	for (const e of events) {
		if (e.name !== 'RunTask' || e.ph !== 'X' || e.ts < fromUs || e.ts >= toUs || !mains.has(`${e.pid}:${e.tid}`)) continue;
		const key = `${e.pid}:${e.tid}`;
		if (!byThread.has(key)) byThread.set(key, []);
		byThread.get(key).push((e.tdur ?? e.dur) / 1000);
	}
	// The page's main thread is the busiest renderer main thread (an embed has only one).
	const total = (key) => byThread.get(key).reduce((s, x) => s + x, 0);
	const key = mainKey ?? [...byThread.keys()].sort((a, b) => total(b) - total(a))[0];
	const tasks = (key && byThread.get(key)) || [];
	return {
		key,
		ms: tasks.reduce((s, x) => s + x, 0),
		worstMs: Math.max(0, ...tasks),
		over50: tasks.filter((x) => x > 50).length,
		blockingMs: tasks.reduce((s, x) => s + Math.max(0, x - 50), 0)
	};
}
