/** How the LSTM widget writes numbers (display only; the URL keeps full precision). */
export { fmt, vectorText } from '../unrolled/format';
