// Object URLs for stored blobs (thumbnails, the final video), loaded on first use and revoked on close.
import { SvelteMap } from 'svelte/reactivity';
import { getBlob } from './store/projects';

export class BlobUrls {
  #urls = new SvelteMap<string, string>();
  // Bookkeeping only: nothing renders from it, so it is deliberately not reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #requested = new Set<string>();

  /** The URL of a project's blob, or undefined until it has been read (then this updates). */
  get(projectId: string, key: string | undefined): string | undefined {
    if (!key) return undefined;
    const id = `${projectId}/${key}`;
    const url = this.#urls.get(id);
    if (url === undefined && !this.#requested.has(id)) {
      this.#requested.add(id);
      // Read after this render: state must not change while the template is evaluated.
      queueMicrotask(() => void this.#load(id, projectId, key));
    }
    return url;
  }

  async #load(id: string, projectId: string, key: string): Promise<void> {
    const blob = await getBlob(projectId, key);
    if (blob && this.#requested.has(id)) this.#urls.set(id, URL.createObjectURL(blob));
  }

  /** Forgets one project's URLs (after it is deleted). */
  forget(projectId: string): void {
    for (const [id, url] of this.#urls) {
      if (!id.startsWith(`${projectId}/`)) continue;
      URL.revokeObjectURL(url);
      this.#urls.delete(id);
    }
    for (const id of this.#requested) if (id.startsWith(`${projectId}/`)) this.#requested.delete(id);
  }

  destroy(): void {
    for (const url of this.#urls.values()) URL.revokeObjectURL(url);
    this.#urls.clear();
    this.#requested.clear();
  }
}
