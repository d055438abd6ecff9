// The steps done once per project: transcription, scenes, and the final video from the engine.
import { transcribe } from '../api/client';
import { MAX_UPLOAD_BYTES } from '../pipeline/api-contract';
import { LANGUAGES } from '../pipeline/audio-file';
import type { StoredFile } from '../pipeline/disk-path';
import type { SceneRecord } from '../pipeline/project';
import { NoSpeechError, StorageFullError } from '../pipeline/errors';
import { needsGuide } from '../pipeline/guide-plan';
import { expectedFinalKey, workId } from '../pipeline/project-plan';
import { assembleInput } from '../pipeline/render-plan';
import { segmentTranscript } from '../pipeline/segment';
import { finalVideoBytes, storageShortfall } from '../pipeline/video-budget';
import { requestKey } from '../pipeline/request-key';
import { normalizeWords } from '../pipeline/transcript';
import { keepFillersPrompt } from '../pipeline/tighten/fillers';
import { storageInfo } from '../store/db';
import { AUDIO, getBlob, getStored, loadTranscript, saveTranscript, storeMade } from '../store/projects';
import { failureOf, isOffline, stopsTheRun, withScene, type RunContext } from './context';
import { writeProjectGuide } from './guide-step';

async function audioOf(ctx: RunContext): Promise<Blob> {
  const audio = await getBlob(ctx.project().id, AUDIO);
  if (!audio) throw new Error('The original audio of this project is missing from the browser storage.');
  return audio;
}

/** The language's name as offered to the user ("English"), for the no-speech message. */
const languageName = (code: string) => LANGUAGES.find((option) => option.code === code)?.name ?? code;

/** Runs a project-wide step, recording its failure (not a cancel) on the project. */
async function projectStep(ctx: RunContext, step: 'transcribe' | 'scenes' | 'final', work: () => Promise<void>) {
  ctx.working(workId(step), true);
  try {
    await work();
  } catch (error) {
    if (stopsTheRun(error, ctx.signal)) throw error;
    // Offline while transcribing or writing the visual guide, or before the final's engine was ever
    // downloaded: the run stops to wait for the connection, as it waits before any network step, and
    // asks again when it is back (under the same key: bought once).
    if (isOffline(error)) throw error;
    const failure = { ...failureOf(error), step };
    await ctx.update((p) => ({ ...p, failure }));
  } finally {
    ctx.working(workId(step), false);
  }
}

export function transcribeStep(ctx: RunContext): Promise<void> {
  return projectStep(ctx, 'transcribe', async () => {
    const project = ctx.project();
    // Saved before a crash but not yet recorded: never transcribed twice.
    let transcript = await loadTranscript(project.id);
    if (!transcript) {
      const original = await audioOf(ctx);
      // Larger originals are sent as a compact 16 kHz mono copy.
      const upload =
        original.size > MAX_UPLOAD_BYTES
          ? await ctx.engine.compactAudio({ file: original }, { signal: ctx.signal })
          : { blob: original, fileName: project.audio.name };
      const onRetry = (error: Error, ms: number) =>
        ctx.notice('transcribe', `${error.message} Trying again in ${Math.ceil(ms / 1000)} s.`);
      // Whisper leaves filler words out unless prompted with some: asked for only when they are to be cut.
      const prompt = project.tighten?.on ? keepFillersPrompt(project.language) : undefined;
      // The upload is named by what it is (the same file, or the same compact copy of it) and its language.
      const content = {
        name: upload.fileName,
        size: upload.blob.size,
        type: upload.blob.type,
        language: project.language,
        // After a silent answer, Try again is a new call rather than that answer remembered by the server.
        ...(project.silentAnswers ? { retry: project.silentAnswers } : {}),
        ...(prompt ? { prompt } : {}),
      };
      const idempotencyKey = requestKey({ projectId: project.id, kind: 'transcribe', content });
      const options = { ...ctx.api, signal: ctx.signal, onRetry, idempotencyKey, ...(prompt ? { prompt } : {}) };
      transcript = await transcribe(upload.blob, upload.fileName, project.language, options);
      ctx.notice('transcribe', undefined);
      // Not kept: Try again asks anew (e.g. after the service had a bad moment) rather than re-reading nothing.
      if (transcript.words.length === 0) {
        await ctx.update((p) => ({ ...p, silentAnswers: (p.silentAnswers ?? 0) + 1 }));
        throw new NoSpeechError(project.audio.name, languageName(project.language));
      }
      await saveTranscript(project.id, transcript);
    }
    const { model, language, words } = transcript;
    await ctx.update((p) => ({ ...p, transcript: { model, language, words: words.length } }));
  });
}

export function scenesStep(ctx: RunContext): Promise<void> {
  return projectStep(ctx, 'scenes', async () => {
    const project = ctx.project();
    if (!project.scenes) {
      const transcript = await loadTranscript(project.id);
      if (!transcript)
        throw new Error('The transcript is missing from the browser storage: retry to transcribe again.');
      const duration = project.audio.duration;
      const words = normalizeWords(transcript.words, duration);
      const scenes: SceneRecord[] = segmentTranscript(words, { duration, fps: project.fps });
      await ctx.update((p) => ({ ...p, scenes }));
    }
    if (needsGuide(ctx.project())) await writeProjectGuide(ctx);
  });
}

export function finalStep(ctx: RunContext): Promise<void> {
  return projectStep(ctx, 'final', async () => {
    const project = ctx.project();
    const key = expectedFinalKey(project);
    if (!key) return;
    const clips: StoredFile[] = [];
    for (const scene of project.scenes ?? []) {
      const clip = scene.clip && (await getStored(project.id, scene.clip.key));
      if (!clip) {
        // Lost from storage: render that clip again rather than fail the whole video.
        await ctx.update((p) => withScene(p, scene.index, (s) => ({ ...s, clip: undefined })));
        return;
      }
      clips.push(clip);
    }
    const input = assembleInput(project, clips, await audioOf(ctx));
    // The one limit on a video's size: room in the site's storage quota for it, said before any work.
    // Cut audio is encoded again (FLAC stays FLAC), so it is counted as encoded.
    const needed = finalVideoBytes(
      clips.reduce((sum, clip) => sum + clip.blob.size, 0),
      project.audio,
      (input.cuts !== undefined && project.audio.codec !== 'flac') || undefined,
    );
    const shortfall = storageShortfall(needed, await storageInfo());
    if (shortfall) throw new StorageFullError(shortfall);
    // Written to disk by the engine as it is muxed, where the browser allows (see storeMade): a tab
    // closed meanwhile leaves no video recorded, so the next run assembles it again from the clips.
    const video = await storeMade(project.id, key, (output) =>
      ctx.engine.assemble(
        { ...input, output },
        {
          signal: ctx.signal,
          onProgress: (fraction) => ctx.progress('final', Math.round(fraction * 1000), 1000),
        },
      ),
    );
    await ctx.update((p) => ({ ...p, final: { key, size: video.size } }));
  });
}
