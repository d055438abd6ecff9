// The IndexedDB stores (manifests, blobs, the manifests' revisions) behind idb-keyval, and the translation
// of quota errors.
import { createStore, type UseStore } from 'idb-keyval';
import { StorageFullError } from '../pipeline/errors';

/** Bumped when the layout of keys changes; old data under another version is never misread. */
export const KEY_VERSION = 'v1';

interface Stores {
  manifests: UseStore;
  blobs: UseStore;
  /** Per project, a token that every save of its manifest changes (see `changeStoredProject`). */
  revisions: UseStore;
}

let stores: Stores | undefined;

/** Opened lazily: importing this module never touches IndexedDB (tests, server builds). */
export function db(): Stores {
  stores ??= {
    manifests: createStore('voiceframe-manifests', 'projects'),
    blobs: createStore('voiceframe-blobs', 'blobs'),
    revisions: createStore('voiceframe-revisions', 'revisions'),
  };
  return stores;
}

function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error) && !(typeof DOMException !== 'undefined' && error instanceof DOMException)) {
    return false;
  }
  const { name, message } = error as { name: string; message: string };
  return name === 'QuotaExceededError' || /quota/i.test(message);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** Runs a write; a full disk becomes a message the user can act on instead of a lost piece of work. */
export async function writing<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    throw new StorageFullError(
      `There is no room left in this browser's storage to save ${what}. Delete old projects ` +
        `(or free disk space) and press Resume: everything saved so far is kept.`,
      { cause: error },
    );
  }
}

export interface StorageInfo {
  usage: number;
  quota: number;
  persisted: boolean;
}

/** Space used and allowed for this site, and whether the browser promised not to evict it. */
export async function storageInfo(): Promise<StorageInfo | undefined> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.estimate) return undefined;
  const persisted = (await storage.persisted?.().catch(() => false)) ?? false;
  const { usage = 0, quota = 0 } = await storage.estimate();
  return { usage, quota, persisted };
}

/**
 * Asks the browser not to evict our data under storage pressure. Asked when a project is created
 * (a user's gesture, and the moment there is something worth keeping), not on every visit.
 */
export async function requestPersistence(): Promise<boolean> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  return (await storage?.persist?.().catch(() => false)) ?? false;
}
