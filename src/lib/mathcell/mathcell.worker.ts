/**
 * MathCell's worker: evaluates one expression at a time with the limited mathjs instance. The
 * page stops and replaces this worker when an evaluation runs too long, so a heavy expression
 * never freezes the page.
 */
import { evaluateExpression } from './evaluator';
import type { FromWorker, ToWorker } from './protocol';

const port = self as unknown as {
	postMessage(message: FromWorker): void;
	onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};

port.onmessage = (event) => {
	const message = event.data;
	if (message?.type !== 'evaluate') return;
	port.postMessage({ type: 'result', id: message.id, outcome: evaluateExpression(message.expression, message.scope) });
};

port.postMessage({ type: 'ready' });
