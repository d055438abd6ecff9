// Hands a file made in the page to the browser's downloads, as a link with `download` would.
/** Starts the download of `blob` as `name`; the object URL is revoked once the browser has taken it. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Revoked later, not at once: Firefox reads the URL after the click has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
