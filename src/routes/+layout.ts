// A static single-page app: everything renders in the browser, the proxy serves the fallback page.
export const ssr = false;
export const prerender = false;
