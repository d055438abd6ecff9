// Saved projects: manifests, the transcript and every blob (audio, images, clips, video), per project.
// Clips and videos go to disk (./disk.ts) where the browser allows it, the rest to IndexedDB; reads
// look in both, so projects saved before videos went to disk open unchanged.
import { del, delMany, entries, get, keys, set } from 'idb-keyval';
import { UnreadableProjectError } from '../pipeline/errors';
import { referencedKeys, type Project } from '../pipeline/project';
import type { DiskPath, StoredFile } from '../pipeline/disk-path';
import type { Transcript } from '../pipeline/transcript';
import { db, KEY_VERSION, writing } from './db';
import { deleteDiskFiles, diskFiles, diskPath, diskUsable, readDiskFile } from './disk';
import { migrate, nameOf } from './migrations';
import { parseProject, parseTranscript, type Parsed } from './schema';

const manifestKey = (id: string) => `${KEY_VERSION}:project:${id}`;
const blobKey = (id: string, key: string) => `${KEY_VERSION}:${id}:${key}`;
const blobPrefix = (id: string) => `${KEY_VERSION}:${id}:`;

/** Blob names of the fixed, per-project pieces (the others are content-derived keys). */
export const AUDIO = 'audio';
const TRANSCRIPT = 'transcript';

/** A stored project this version cannot read (another version's, or damaged): shown so it can be exported or deleted. */
export interface UnreadableProject {
  id: string;
  /** Its name, when the stored data still has one. */
  name?: string;
  problem: string;
  /** Saved by a newer version of the app: it is never rewritten here. */
  newer: boolean;
  /** Bytes its files take in storage. */
  bytes: number;
  /** The manifest's own key in storage, so deleting it frees exactly what is listed. */
  storedKey: string;
}

export interface StoredList {
  projects: Project[];
  /** Manifests that no longer validate (written by another version): listed so they can be exported or deleted. */
  unreadable: UnreadableProject[];
}

/** A stored manifest brought up to this version (see migrations.ts), then validated. */
function readStored(raw: unknown): Parsed<Project> & { newer?: boolean } {
  const migrated = migrate(raw);
  return migrated.ok ? parseProject(migrated.value) : migrated;
}

/** How many bytes a stored value takes: a blob's size, or the length of anything else as JSON. */
const sizeOf = (value: unknown) => (value instanceof Blob ? value.size : JSON.stringify(value ?? null).length);

export async function listProjects(): Promise<StoredList> {
  const manifests = await entries<IDBValidKey, unknown>(db().manifests);
  const list: StoredList = { projects: [], unreadable: [] };
  for (const [storedKey, item] of manifests) {
    const read = readStored(item);
    if (read.ok) {
      list.projects.push(read.value);
      continue;
    }
    const ownId = (item as { id?: unknown } | null)?.id;
    const id = typeof ownId === 'string' ? ownId : String(storedKey).replace(manifestKey(''), '');
    const files = await storedFiles(id);
    list.unreadable.push({
      id,
      name: nameOf(item),
      problem: read.problem,
      newer: read.newer ?? false,
      bytes: files.reduce((sum, [, value]) => sum + sizeOf(value), sizeOf(item)),
      storedKey: String(storedKey),
    });
  }
  list.projects.sort((a, b) => b.createdAt - a.createdAt);
  return list;
}

/** The project, undefined when there is none, or an error naming what no longer validates. */
export async function loadProject(id: string): Promise<Project | undefined> {
  const raw = await get<unknown>(manifestKey(id), db().manifests);
  if (raw === undefined) return undefined;
  const read = readStored(raw);
  if (read.ok) return read.value;
  const why = read.newer
    ? `It was ${read.problem}: open it there, or update this page.`
    : `It was saved in a form this version cannot read (${read.problem}).`;
  throw new UnreadableProjectError(`This project cannot be opened. ${why}`);
}

/**
 * The last version of each project this tab saved, with the revision it saved it under. Every save
 * first stores a new revision (a random token), then the manifest; so while the stored token is still
 * this tab's, the stored project is this tab's copy, and a change starts from that copy instead of
 * reading and validating the whole project again (for an hour's 560 scenes, on every piece a run
 * makes, that was most of the page's garbage). Another tab's save, a deletion or a failed write changes
 * or removes the token first, and the next change reads the project from storage as before.
 */
const ownSaves = new Map<string, { revision: string; project: Project }>();

const storedRevision = (id: string) => get<string>(manifestKey(id), db().revisions);

export async function saveProject(project: Project): Promise<void> {
  const revision = crypto.randomUUID();
  ownSaves.delete(project.id);
  await writing('the project', async () => {
    await set(manifestKey(project.id), revision, db().revisions);
    await set(manifestKey(project.id), project, db().manifests);
  });
  ownSaves.set(project.id, { revision, project });
}

/** Forgets a project's revision before its manifest goes, so no tab's copy of it is taken for the stored one. */
async function dropRevision(id: string): Promise<void> {
  ownSaves.delete(id);
  await del(manifestKey(id), db().revisions);
}

export async function putBlob(projectId: string, key: string, blob: Blob): Promise<void> {
  await writing(`the ${key.split('-')[0] ?? 'file'}`, () => set(blobKey(projectId, key), blob, db().blobs));
}

/** A stored file: from IndexedDB, else from disk (a clip or video, as a File read when used). */
export async function getBlob(projectId: string, key: string): Promise<Blob | undefined> {
  return (await getStored(projectId, key))?.blob;
}

/** A stored file as `getBlob` finds it, with its place on disk when it is there. */
export async function getStored(projectId: string, key: string): Promise<StoredFile | undefined> {
  const value = await get<unknown>(blobKey(projectId, key), db().blobs);
  if (value instanceof Blob) return { blob: value };
  const file = await readDiskFile(projectId, key);
  return file && { blob: file, disk: diskPath(projectId, key) };
}

/**
 * Stores a clip or video that the render engine makes, `make` being given where to write it: on disk,
 * written there by the engine as it is produced, or (no disk in this browser) nowhere, then its result
 * is kept in IndexedDB. Returns it. A full disk rejects with StorageFullError, as any write here.
 */
export async function storeMade(
  projectId: string,
  key: string,
  make: (output: DiskPath | undefined) => Promise<Blob>,
): Promise<Blob> {
  if (await diskUsable()) return writing(`the ${key.split('-')[0] ?? 'file'}`, () => make(diskPath(projectId, key)));
  const made = await make(undefined);
  await putBlob(projectId, key, made);
  return made;
}

/** Deletes one blob, e.g. a damaged image, so that it is drawn again rather than read back. */
export async function deleteBlob(projectId: string, key: string): Promise<void> {
  await del(blobKey(projectId, key), db().blobs);
}

export async function saveTranscript(projectId: string, transcript: Transcript): Promise<void> {
  await writing('the transcript', () => set(blobKey(projectId, TRANSCRIPT), transcript, db().blobs));
}

export async function loadTranscript(projectId: string): Promise<Transcript | undefined> {
  const parsed = parseTranscript(await get<unknown>(blobKey(projectId, TRANSCRIPT), db().blobs));
  return parsed.ok ? parsed.value : undefined;
}

async function blobKeysOf(projectId: string): Promise<string[]> {
  const all = await keys<string>(db().blobs);
  return all.filter((key) => typeof key === 'string' && key.startsWith(blobPrefix(projectId)));
}

/** Every stored file of a project, by its name within the project (`audio`, `image-…`, `transcript`). */
async function storedFiles(projectId: string): Promise<[string, unknown][]> {
  const prefix = blobPrefix(projectId);
  const all = await entries<IDBValidKey, unknown>(db().blobs);
  const stored = all
    .filter(([key]) => typeof key === 'string' && key.startsWith(prefix))
    .map(([key, value]): [string, unknown] => [String(key).slice(prefix.length), value]);
  return [...stored, ...(await diskFiles(projectId))];
}

/**
 * A project's stored data as it is, for keeping a copy of one this version cannot read: its manifest
 * (as JSON) and every file; blobs as they are, anything else (the transcript) as JSON.
 */
export async function exportStored(entry: Pick<UnreadableProject, 'id' | 'storedKey'>): Promise<[string, Blob][]> {
  const manifest = await get<unknown>(entry.storedKey, db().manifests);
  const json = (value: unknown) => new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
  const files = (await storedFiles(entry.id)).map(([name, value]): [string, Blob] =>
    value instanceof Blob ? [name, value] : [`${name}.json`, json(value)],
  );
  return [['project.json', json(manifest)], ...files];
}

/** Deletes a project this version cannot read: its files and its manifest, under whatever key it has. */
export async function deleteUnreadable(entry: Pick<UnreadableProject, 'id' | 'storedKey'>): Promise<void> {
  await delMany(await blobKeysOf(entry.id), db().blobs);
  await deleteDiskFiles(entry.id);
  await dropRevision(entry.id);
  await del(entry.storedKey, db().manifests);
}

/** Deletes a project and every blob it owns. */
export async function deleteProject(id: string): Promise<void> {
  await delMany(await blobKeysOf(id), db().blobs);
  await deleteDiskFiles(id);
  await dropRevision(id);
  await del(manifestKey(id), db().manifests);
}

/**
 * Drops blobs the project no longer refers to (an image replaced after its prompt was edited...).
 * It reads the stored project under its write lock and keeps everything that refers to, whatever
 * `keep` says: a tab's old copy of the project can never delete another tab's images or video.
 */
export async function pruneBlobs(projectId: string, keep: Iterable<string>): Promise<number> {
  return underWriteLock(projectId, async () => {
    const stored = await loadProject(projectId);
    const referenced = stored ? referencedKeys(stored) : [];
    const kept = new Set([AUDIO, TRANSCRIPT, ...keep, ...referenced]);
    const wanted = new Set([...kept].map((key) => blobKey(projectId, key)));
    const stale = (await blobKeysOf(projectId)).filter((key) => !wanted.has(key));
    await delMany(stale, db().blobs);
    return stale.length + (await deleteDiskFiles(projectId, kept));
  });
}

/** The Web Lock every write to a stored project is made under (held briefly, for one change). */
const writeLock = (id: string): string => `voiceframe:${id}:write`;

/** Runs `write` holding the project's write lock (browsers without Web Locks run it at once). */
export function underWriteLock<T>(id: string, write: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? locks.request(writeLock(id), write) : write();
}

/**
 * Changes the STORED project (not a tab's copy of it) and saves the result, under the write lock, so
 * changes from any number of tabs are applied one after the other, each to the one before.
 */
export async function changeStoredProject(id: string, change: (project: Project) => Project): Promise<Project> {
  return underWriteLock(id, async () => {
    const own = ownSaves.get(id);
    const stored = own && own.revision === (await storedRevision(id)) ? own.project : await loadProject(id);
    if (!stored) throw new Error('This project was deleted (in another tab or window).');
    const changed = change(stored);
    await saveProject(changed);
    return changed;
  });
}
