// Saved projects outlive the code that wrote them: each stored project carries its version, and a
// project from any earlier version is brought up to the current one, step by step, before it is read.
// Pure (no storage): `projects.ts` applies it to what IndexedDB holds.
import { PROJECT_VERSION } from '../pipeline/project';

/** A stored project as plain data, of some version. */
export type StoredData = Record<string, unknown>;

/** Turns a project of version n into one of version n + 1 (the `version` field is set by `migrate`). */
export type Migration = (project: StoredData) => StoredData;

/**
 * `MIGRATIONS[n]` upgrades a version-n project. When the stored project changes in a way an old copy
 * would not validate (a field renamed, made required, given another meaning), bump `PROJECT_VERSION`
 * and add the step from the previous version here; optional new fields need no step.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  // 1 -> 2 adds `tighten` (filler words and long pauses cut). A version-1 project has no cuts and
  // reads as it is; the version is raised so that an app of version 1 (an old tab, a cached copy)
  // refuses a project with cuts instead of dropping the field it does not know and rendering the
  // video out of sync with the cut audio.
  1: (project) => project,
  // 2 -> 3, visual guides: a project cut into scenes before guides existed gets an empty one, so
  // opening it never asks for a guide (a paid call nobody chose); the person may write one.
  2: (project) => (project.scenes && !project.guide ? { ...project, guide: { text: '', revision: 0 } } : project),
  // 3 -> 4 adds a scene's `motionIndex` (the person merged or split scenes before it). A version-3
  // project reads as it is; the version is raised so that an app of version 3 refuses a project whose
  // scenes were moved instead of dropping the field and rendering those scenes with another camera move.
  3: (project) => project,
  // 4 -> 5 adds `retired`: the prompts and pictures of scenes new cuts took apart, kept (and their
  // pictures not pruned) for when the same words make a scene again. A version-4 project has none and
  // reads as it is; the version is raised so that an app of version 4 refuses a project with some
  // instead of dropping the field and pruning the pictures it keeps.
  4: (project) => project,
};

export type Migrated =
  | { ok: true; value: StoredData; from: number }
  /** `newer`: written by a later version of the app, so this one must neither read nor rewrite it. */
  | { ok: false; problem: string; newer: boolean };

function isData(raw: unknown): raw is StoredData {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

/** Brings a stored project to version `current`, or says why it cannot be. */
export function migrate(
  raw: unknown,
  current: number = PROJECT_VERSION,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
): Migrated {
  if (!isData(raw)) return { ok: false, problem: 'not a stored project', newer: false };
  const from = raw.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    return { ok: false, problem: 'no version number', newer: false };
  }
  if (from > current) {
    return { ok: false, problem: `saved by a newer version of Voiceframe (project version ${from})`, newer: true };
  }
  let value = raw;
  for (let version = from; version < current; version++) {
    const step = migrations[version];
    if (!step) return { ok: false, problem: `no upgrade from project version ${version}`, newer: false };
    value = { ...step(value), version: version + 1 };
  }
  return { ok: true, value, from };
}

/** What can still be told of a project this version cannot read: its name, if it has one. */
export function nameOf(raw: unknown): string | undefined {
  return isData(raw) && typeof raw.name === 'string' && raw.name.trim() ? raw.name : undefined;
}
