// @ts-check
/** The tfjs backend a peer runs on (`cpu` or `wasm`, single-threaded like every contestant), ready to use. */
import * as tf from '@tensorflow/tfjs'; // the union bundle: core + cpu backend + layers + all gradients
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';

/** @param {string} backend @returns {Promise<string>} how the note names it */
export async function useBackend(backend) {
	if (backend === 'wasm') {
		const require = createRequire(import.meta.url);
		const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
		setWasmPaths(dist + '/');
		// Single-threaded, like every other contestant.
		tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
	}
	if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to initialise`);
	await tf.ready();
	return `float32; ${backend} backend` + (backend === 'wasm' ? `, single-threaded (${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD'})` : '');
}
