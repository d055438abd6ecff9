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

/** A folder of the in-memory disk `stubDisk` makes: its files and folders by name. */
interface FakeFolder {
  files: Map<string, File>;
  folders: Map<string, FakeFolder>;
}

function notFound(name: string): DOMException {
  return new DOMException(`${name} was not found.`, 'NotFoundError');
}

/** The folder `name` in `folder`, made there if `create`. */
function subfolder(folder: FakeFolder, name: string, create: boolean): FakeFolder | undefined {
  let child = folder.folders.get(name);
  if (!child && create) folder.folders.set(name, (child = { files: new Map(), folders: new Map() }));
  return child;
}

/** The calls src/lib/store/disk.ts makes on an OPFS folder, over `folder`. */
function folderHandle(folder: FakeFolder) {
  return {
    kind: 'directory' as const,
    getDirectoryHandle(name: string, options?: { create?: boolean }) {
      const child = subfolder(folder, name, options?.create === true);
      return child ? Promise.resolve(folderHandle(child)) : Promise.reject(notFound(name));
    },
    getFileHandle(name: string) {
      const file = folder.files.get(name);
      if (!file) return Promise.reject(notFound(name));
      return Promise.resolve({ kind: 'file' as const, getFile: () => Promise.resolve(file) });
    },
  };
}

/**
 * Stubs the browser's disk storage (the OPFS) with folders in memory and returns a way to put a file
 * there (as the render worker writes one). Stub it before the first use of src/lib/store/disk.ts in a
 * test file: whether there is a disk is asked once.
 */
export function stubDisk(): (path: readonly string[], file: File) => void {
  const root: FakeFolder = { files: new Map(), folders: new Map() };
  vi.stubGlobal('navigator', { storage: { getDirectory: () => Promise.resolve(folderHandle(root)) } });
  vi.stubGlobal(
    'FileSystemFileHandle',
    class {
      move(): void {}
    },
  );
  return (path, file) => {
    const folder = path.slice(0, -1).reduce((parent, name) => subfolder(parent, name, true) as FakeFolder, root);
    folder.files.set(path.at(-1) as string, file);
  };
}
