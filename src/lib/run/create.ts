// Creating a project from a picked file: checked and probed first, stored only when it is usable.
import { checkAudioFile, checkProbe } from '../pipeline/audio-file';
import { NoAudioStreamError, RejectedFileError, UnreadableMediaError } from '../pipeline/errors';
import type { FormatId } from '../pipeline/formats';
import type { ImageStyle } from '../pipeline/api-contract';
import { inAnotherFormat, newProject, ownPictureKeys, projectName, type Project } from '../pipeline/project';
import type { TightenChoice } from '../pipeline/tighten/project-tighten';
import { requestPersistence } from '../store/db';
import {
  AUDIO,
  deleteProject,
  getBlob,
  loadProject,
  loadTranscript,
  putBlob,
  saveProject,
  saveTranscript,
  underWriteLock,
} from '../store/projects';
import { asRun } from '../state/run-activity';
import type { Engine } from './context';

export type Probe = { duration: number; codec: string };

/**
 * Reads the picked file with ffmpeg; throws a RejectedFileError saying why it cannot be used. Reading
 * it (and storing it: `storeNew`) counts as making a video (see ../state/run-activity.ts).
 */
export async function inspectFile(file: File, engine: () => Promise<Engine>): Promise<Probe> {
  const refusal = checkAudioFile(file);
  if (refusal) throw new RejectedFileError(refusal);
  let probe: Probe;
  try {
    probe = await asRun(async () => (await engine()).probe({ file }));
  } catch (error) {
    // The engine's own refusals already name the file and say why, in the user's terms.
    const told = error instanceof NoAudioStreamError || error instanceof UnreadableMediaError;
    const why = told ? error.message : `“${file.name}” could not be read as audio. ${(error as Error).message}`;
    throw new RejectedFileError(why, { cause: error });
  }
  const unusable = checkProbe(file, probe);
  if (unusable) throw new RejectedFileError(unusable);
  return probe;
}

/** Saves a new project's pieces; on any failure removes what was stored, then rethrows. */
async function storeNew(project: Project, write: () => Promise<void>): Promise<Project> {
  return asRun(async () => {
    try {
      await write();
      await saveProject(project);
      void requestPersistence();
    } catch (error) {
      // Half a project (audio without manifest) would be invisible and never cleaned up.
      await deleteProject(project.id).catch(() => undefined);
      throw error;
    }
    return project;
  });
}

/**
 * The same recording as a new project in another format. The recording, its transcript and the
 * person's own pictures are copied, so nothing is transcribed, written or bought again for them: only
 * the other images, the clips and the video are made. The copy is made of the STORED project, read
 * under its write lock (another tab may have changed it since this one last looked).
 */
export async function createInFormat(source: Project, format: FormatId): Promise<Project> {
  const { stored, audio, transcript, pictures } = await underWriteLock(source.id, async () => {
    const [stored, audio, transcript] = await Promise.all([
      loadProject(source.id),
      getBlob(source.id, AUDIO),
      loadTranscript(source.id),
    ]);
    const keys = stored ? ownPictureKeys(stored) : [];
    const pictures = await Promise.all(keys.map(async (key) => [key, await getBlob(source.id, key)] as const));
    return { stored, audio, transcript, pictures };
  });
  if (!stored) throw new Error('This project was deleted (in another tab or window).');
  if (!audio) throw new Error('The recording of this project is missing from the browser storage.');
  const project = inAnotherFormat(stored, { id: crypto.randomUUID(), format, now: Date.now() });
  return storeNew(project, async () => {
    await putBlob(project.id, AUDIO, audio);
    if (transcript) await saveTranscript(project.id, transcript);
    // A picture lost from storage is left out: its scene's clip finds it missing and a new one is drawn.
    for (const [key, blob] of pictures) if (blob) await putBlob(project.id, key, blob);
  });
}

/** Stores the original audio and a new project for an inspected file. */
export async function createProject(
  file: File,
  probe: Probe,
  choice: { format: FormatId; style: ImageStyle; language: string; tighten?: TightenChoice },
): Promise<Project> {
  const project = newProject({
    id: crypto.randomUUID(),
    name: projectName(file.name),
    ...choice,
    audio: { name: file.name, type: file.type, size: file.size, duration: probe.duration, codec: probe.codec },
    now: Date.now(),
  });
  return storeNew(project, () => putBlob(project.id, AUDIO, file));
}
