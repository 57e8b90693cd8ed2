/**
 * Runs mathjs' eigs off the page's thread: on a 12 × 12 matrix it can take a few hundred
 * milliseconds, which would make the radius slider stutter.
 */
import { eigsRadius } from './eigs';
import type { EigsReply, EigsRequest } from './eigs-client';

const port = self as unknown as {
	postMessage(message: EigsReply): void;
	onmessage: ((event: MessageEvent<EigsRequest>) => void) | null;
};

port.onmessage = (event) => {
	const { id, rows } = event.data;
	try {
		port.postMessage({ id, result: eigsRadius(rows), error: '' });
	} catch (error) {
		port.postMessage({ id, result: null, error: error instanceof Error ? error.message : String(error) });
	}
};
