// Saved projects: manifests, the transcript and every blob (audio, images, clips, video), per project.
import { del, delMany, get, keys, set, values } from 'idb-keyval';
import { UnreadableProjectError } from '../pipeline/errors';
import type { Project } from '../pipeline/project';
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

/** Drops blobs the project no longer refers to (an image replaced after its prompt was edited...). */
export async function pruneBlobs(projectId: string, keep: Iterable<string>): Promise<number> {
  const wanted = new Set([AUDIO, TRANSCRIPT, ...keep].map((key) => blobKey(projectId, key)));
  const stale = (await blobKeysOf(projectId)).filter((key) => !wanted.has(key));
  await delMany(stale, db().blobs);
  return stale.length;
}
