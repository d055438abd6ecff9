// This site's local storage, where the browser lets us have it.

/** Local storage, or undefined where there is none (Node) or the browser blocks site data. */
export function siteStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    // Reading `localStorage` itself throws when the browser blocks site data.
    return undefined;
  }
}
