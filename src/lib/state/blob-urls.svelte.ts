// Object URLs for stored blobs (thumbnails, the final video), loaded on first use and revoked on close.
// A clip or video on disk is a File: its URL reads the file as the player asks, nothing is loaded here.
import { SvelteMap } from 'svelte/reactivity';
import { referencedKeys, type Project } from '../pipeline/project';
import { AUDIO, getBlob } from '../store/projects';

export class BlobUrls {
  #urls = new SvelteMap<string, string>();
  // Bookkeeping only: nothing renders from it, so it is deliberately not reactive. Each read has its
  // own token, so a read that was overtaken (forgotten, then asked again) cannot set a stale URL.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #requested = new Map<string, symbol>();

  /** The URL of a project's blob, or undefined until it has been read (then this updates). */
  get(projectId: string, key: string | undefined): string | undefined {
    if (!key) return undefined;
    const id = `${projectId}/${key}`;
    const url = this.#urls.get(id);
    if (url === undefined && !this.#requested.has(id)) {
      const token = Symbol(id);
      this.#requested.set(id, token);
      // Read after this render: state must not change while the template is evaluated.
      queueMicrotask(() => void this.#load(id, projectId, key, token));
    }
    return url;
  }

  async #load(id: string, projectId: string, key: string, token: symbol): Promise<void> {
    const blob = await getBlob(projectId, key);
    if (blob && this.#requested.get(id) === token) this.#urls.set(id, URL.createObjectURL(blob));
  }

  #drop(id: string): void {
    const url = this.#urls.get(id);
    if (url !== undefined) URL.revokeObjectURL(url);
    this.#urls.delete(id);
    this.#requested.delete(id);
  }

  /**
   * Forgets a project's URLs of blobs it no longer refers to. Keys are content-derived, so a blob
   * deleted (a damaged image) and stored again under the same key would otherwise keep its old URL.
   */
  retain(projectId: string, keys: readonly string[]): void {
    // A Set of the keys as they are: this runs on every change of a project of hundreds of scenes, and
    // only the few URLs held are looked up in it.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
    const kept = new Set(keys);
    const prefix = `${projectId}/`;
    for (const id of [...this.#requested.keys()]) {
      if (id.startsWith(prefix) && !kept.has(id.slice(prefix.length))) this.#drop(id);
    }
  }

  /**
   * Keeps only the URLs of the blobs the project refers to now: a scene's image that goes away
   * (damaged, or replaced by an edit) loses its URL, so the picture drawn next is read afresh even when
   * it is stored under the same key. The recording stays: a scene preview may be playing it.
   */
  retainProject(project: Project): void {
    const keys = referencedKeys(project);
    keys.push(AUDIO);
    this.retain(project.id, keys);
  }

  /** Forgets one project's URLs (after it is deleted). */
  forget(projectId: string): void {
    this.retain(projectId, []);
  }

  destroy(): void {
    for (const url of this.#urls.values()) URL.revokeObjectURL(url);
    this.#urls.clear();
    this.#requested.clear();
  }
}
