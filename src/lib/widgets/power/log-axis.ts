// The jacobians widget still imports the log axis from here; it lives in the kit now.
export { formatLogTick, logTicks, superscript, type LogTick } from '$lib/ui/charts/log-axis';
