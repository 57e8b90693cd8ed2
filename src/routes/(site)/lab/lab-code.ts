// Everything the lab page runs once it has painted, fetched as one dynamic import: the page's own
// first load then carries no more than the index's (the schema and query code were six scripts and
// two stylesheets that the first paint waited for).
export { default as Trainer } from '$lib/widgets/trainer/Trainer.svelte';
export { default as IssueList } from '$lib/widgets/IssueList.svelte';
export { parseQuery, serializeQuery } from '$lib/widgets/params';
export { schema } from '$lib/widgets/trainer/model';
