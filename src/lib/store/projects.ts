// Saved projects: manifests, the transcript and every blob (audio, images, clips, video), per project.
import { del, delMany, get, keys, set, values } from 'idb-keyval';
import { UnreadableProjectError } from '../pipeline/errors';
import { referencedKeys, type Project } from '../pipeline/project';
import type { Transcript } from '../pipeline/transcript';
import { db, KEY_VERSION, writing } from './db';
import { parseProject, parseTranscript } from './schema';

const manifestKey = (id: string) => `${KEY_VERSION}:project:${id}`;
const blobKey = (id: string, key: string) => `${KEY_VERSION}:${id}:${key}`;
const blobPrefix = (id: string) => `${KEY_VERSION}:${id}:`;

/** Blob names of the fixed, per-project pieces (the others are content-derived keys). */
export const AUDIO = 'audio';
const TRANSCRIPT = 'transcript';

export interface StoredList {
  projects: Project[];
  /** Manifests that no longer validate (written by another version): listed so they can be deleted. */
  unreadable: { id: string; problem: string }[];
}

export async function listProjects(): Promise<StoredList> {
  const raw = await values<unknown>(db().manifests);
  const list: StoredList = { projects: [], unreadable: [] };
  for (const item of raw) {
    const parsed = parseProject(item);
    if (parsed.ok) list.projects.push(parsed.value);
    else list.unreadable.push({ id: String((item as { id?: unknown } | null)?.id ?? '?'), problem: parsed.problem });
  }
  list.projects.sort((a, b) => b.createdAt - a.createdAt);
  return list;
}

/** The project, undefined when there is none, or an error naming what no longer validates. */
export async function loadProject(id: string): Promise<Project | undefined> {
  const raw = await get<unknown>(manifestKey(id), db().manifests);
  if (raw === undefined) return undefined;
  const parsed = parseProject(raw);
  if (!parsed.ok)
    throw new UnreadableProjectError(`This project was saved in a form this version cannot read (${parsed.problem}).`);
  return parsed.value;
}

export async function saveProject(project: Project): Promise<void> {
  await writing('the project', () => set(manifestKey(project.id), project, db().manifests));
}

export async function putBlob(projectId: string, key: string, blob: Blob): Promise<void> {
  await writing(`the ${key.split('-')[0] ?? 'file'}`, () => set(blobKey(projectId, key), blob, db().blobs));
}

export async function getBlob(projectId: string, key: string): Promise<Blob | undefined> {
  const value = await get<unknown>(blobKey(projectId, key), db().blobs);
  return value instanceof Blob ? value : undefined;
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

/** Deletes a project and every blob it owns. */
export async function deleteProject(id: string): Promise<void> {
  await delMany(await blobKeysOf(id), db().blobs);
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
    const wanted = new Set([AUDIO, TRANSCRIPT, ...keep, ...referenced].map((key) => blobKey(projectId, key)));
    const stale = (await blobKeysOf(projectId)).filter((key) => !wanted.has(key));
    await delMany(stale, db().blobs);
    return stale.length;
  });
}

/** The Web Lock every write to a stored project is made under (held briefly, for one change). */
export const writeLock = (id: string): string => `voiceframe:${id}:write`;

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
    const stored = await loadProject(id);
    if (!stored) throw new Error('This project was deleted (in another tab or window).');
    const changed = change(stored);
    await saveProject(changed);
    return changed;
  });
}
