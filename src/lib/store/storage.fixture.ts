// Test equipment: local storage for the unit tests, kept in a Map, or blocked as a browser blocks site data.
import { vi } from 'vitest';

/** Stubs `localStorage` with an empty store and returns its items (undo with `vi.unstubAllGlobals`). */
export function stubLocalStorage(): Map<string, string> {
  const items = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  });
  return items;
}

/** Stubs `localStorage` with one whose every read and write throws. */
export function stubBlockedStorage(): void {
  vi.stubGlobal('localStorage', {
    getItem: () => {
      throw new Error('blocked');
    },
    setItem: () => {
      throw new Error('blocked');
    },
  });
}
