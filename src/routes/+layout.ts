// Every page is static HTML; widgets read their URL query after mount (see /embed).
export const prerender = true;
export const trailingSlash = 'never';
