// Test-only page: exposes the render engine to Playwright as `window.vf` (never part of the app).
import { planMotion, type PlanOptions, type RenderPlan } from '$lib/pipeline/kenburns';
import type { FormatId } from '$lib/pipeline/formats';
import type { AssembleInput } from '$lib/pipeline/render-plan';
import { createRenderPool, type RenderPool } from '$lib/render/pool';
import type { ClipEngine, EngineChoice } from '../../../src/workers/render.worker';
import { renderBatch, type Clip, type ClipJob, type ClipOutcome } from './batch';
import type { RenderProgress } from './progress';

async function fetchBlob(url: string, name?: string): Promise<Blob> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const blob = await response.blob();
  return name ? new File([blob], name, { type: blob.type }) : blob;
}

async function base64(data: Blob | Uint8Array): Promise<string> {
  const blob = data instanceof Blob ? data : new Blob([data as Uint8Array<ArrayBuffer>]);
  const url = await new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsDataURL(blob);
  });
  return url.slice(url.indexOf(',') + 1);
}

/** Errors as plain data: what the app would show, and the name it would branch on. */
function failure(error: unknown) {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'unknown', message: String(error) };
}

/** The clips of a batch expected to succeed whole; the first failure is thrown. */
function clipsOf(outcomes: ClipOutcome[]): Clip[] {
  return outcomes.map((outcome) => {
    if (!outcome.ok) throw outcome.error;
    return outcome.clip;
  });
}

let pool: RenderPool | undefined;
let lastClips: AssembleInput['clips'] = [];
let lastFinal: Blob | undefined;

/** The clip engine the pool is told to use: ffmpeg.wasm unless a test or the benchmark asks otherwise. */
let engineChoice: EngineChoice = 'ffmpeg';
/** The engine each clip was rendered with, as the pool reported it, since the last batch began. */
let enginesHeard: ClipEngine[] = [];

function engine(lanes?: number): RenderPool {
  pool ??= createRenderPool({ lanes, choice: () => engineChoice, onEngine: (used) => enginesHeard.push(used) });
  return pool;
}

export interface VideoSpec {
  audio: string;
  images: string[];
  /** Scene ends in seconds; the last is the audio's duration, as the app's scenes tile it. */
  ends: number[];
  format: FormatId;
  plan?: PlanOptions;
}

function plansFor(spec: VideoSpec): RenderPlan[] {
  return spec.ends.map((end, index) =>
    planMotion({ index, start: index ? (spec.ends[index - 1] as number) : 0, end }, spec.format, spec.plan),
  );
}

/** Where `assemble` writes the final MP4 when asked to write it to disk (the OPFS), as the app does. */
const DISK_OUTPUT = ['voiceframe-harness', 'final.mp4'];

async function assemble(audioUrl: string, audioName?: string, fps = 30, returnFinal = true, toDisk = false) {
  const fractions: number[] = [];
  const started = performance.now();
  lastFinal = await engine().assemble(
    { clips: lastClips, audio: await fetchBlob(audioUrl, audioName), fps, ...(toDisk ? { output: DISK_OUTPUT } : {}) },
    { onProgress: (fraction) => fractions.push(fraction) },
  );
  const assembleMs = performance.now() - started;
  // A video written to disk comes back as that file: its size, read again from the OPFS, says so.
  const onDisk = toDisk ? await diskFileSize(DISK_OUTPUT) : undefined;
  return { final: returnFinal ? await base64(lastFinal) : '', fractions, assembleMs, onDisk };
}

/** The OPFS folder a file's path names (made if `create`). */
async function folderOf(path: string[], create = false): Promise<FileSystemDirectoryHandle> {
  let dir = await navigator.storage.getDirectory();
  for (const name of path.slice(0, -1)) dir = await dir.getDirectoryHandle(name, { create });
  return dir;
}

/** Writes `data` to the OPFS at `path` and returns it as read back from there: a File on disk. */
async function onDisk(path: string[], data: Blob | ReadableStream<Uint8Array>): Promise<File> {
  const dir = await folderOf(path, true);
  const handle = await dir.getFileHandle(path.at(-1) as string, { create: true });
  const writable = await handle.createWritable();
  if (data instanceof Blob) {
    await writable.write(data);
    await writable.close();
  } else {
    await data.pipeTo(writable);
  }
  return handle.getFile();
}

/** Where clips rendered `toDisk` are written, one file each, as the app keeps clips. */
const CLIP_FOLDER = ['voiceframe-harness', 'clips'];

/** The jobs for `plans` (images cycle); `toDisk` gives each its file on disk, in a folder emptied first. */
async function clipJobs(images: string[], plans: RenderPlan[], toDisk: boolean): Promise<ClipJob[]> {
  const blobs = await Promise.all(images.map((url) => fetchBlob(url)));
  if (toDisk) {
    const parent = await folderOf(CLIP_FOLDER, true);
    await parent.removeEntry(CLIP_FOLDER.at(-1) as string, { recursive: true }).catch(() => undefined);
  }
  return plans.map((plan, i) => ({
    plan,
    image: blobs[i % blobs.length] as Blob,
    ...(toDisk ? { output: [...CLIP_FOLDER, `clip${i}.mp4`] } : {}),
  }));
}

/** The audio `longAssembly` muxes, kept on disk as the app keeps the user's file. */
let diskAudio: File | undefined;

async function diskFileSize(path: string[]): Promise<number> {
  const dir = await folderOf(path);
  return (await (await dir.getFileHandle(path.at(-1) as string)).getFile()).size;
}

const vf = {
  /** Starts over with a pool of `lanes` workers (the default count when omitted) rendering clips with `choice`. */
  reset(lanes?: number, choice: EngineChoice = 'ffmpeg') {
    engineChoice = choice;
    pool?.dispose();
    pool = undefined;
    return engine(lanes).lanes;
  },

  async probe(url: string, name?: string) {
    try {
      return { info: await engine().probe({ file: await fetchBlob(url, name) }) };
    } catch (error) {
      return { error: failure(error) };
    }
  },

  async compact(url: string) {
    const compact = await engine().compactAudio({ file: await fetchBlob(url) });
    return { fileName: compact.fileName, mimeType: compact.blob.type, bytes: await base64(compact.blob) };
  },

  /** Renders clips for the given plans (images cycle), keeping them for `assemble`; `toDisk` as the app does. */
  async clips(images: string[], plans: RenderPlan[], returnClips = true, toDisk = false) {
    const jobs = await clipJobs(images, plans, toDisk);
    const progress: RenderProgress[] = [];
    const finished: number[] = [];
    const started = performance.now();
    enginesHeard = [];
    const outcomes = await renderBatch(engine(), jobs, {
      onProgress: (p) => progress.push(p),
      onClip: (job) => finished.push(job),
    });
    // Clips on disk carry their place there, as the app's do (the final step reads them from there).
    lastClips = clipsOf(outcomes).map((clip, i) => ({
      ...clip,
      ...(jobs[i]?.output && { disk: [...jobs[i].output] }),
    }));
    const renderMs = performance.now() - started;
    return {
      clips: returnClips ? await Promise.all(lastClips.map((clip) => base64(clip.blob))) : [],
      clipBytes: lastClips.map((clip) => clip.blob.size),
      progress,
      finished,
      renderMs,
      engines: enginesHeard,
    };
  },

  /**
   * Like `clips`, but failures come back as data: the first one, each job's outcome (`ok` or the
   * error's name) and the progress reported on the way.
   */
  async failingClips(images: string[], plans: RenderPlan[], toDisk = false) {
    const jobs = await clipJobs(images, plans, toDisk);
    const progress: RenderProgress[] = [];
    enginesHeard = [];
    try {
      const outcomes = await renderBatch(engine(), jobs, { onProgress: (p) => progress.push(p) });
      const errors = outcomes.flatMap((outcome) => (outcome.ok ? [] : [failure(outcome.error)]));
      const result = outcomes.map((o) => (o.ok ? 'ok' : o.error.name));
      return { error: errors[0], outcomes: result, progress, engines: enginesHeard };
    } catch (error) {
      return { error: failure(error), outcomes: [], progress };
    }
  },

  plans: plansFor,

  /** The names in the folder clips rendered `toDisk` go to (finished clips, and any unfinished `.part`). */
  async clipFiles() {
    const names: string[] = [];
    const parent = await folderOf(CLIP_FOLDER, true);
    const dir = await parent.getDirectoryHandle(CLIP_FOLDER.at(-1) as string, { create: true });
    for await (const name of dir.keys()) names.push(name);
    return names.sort();
  },

  /** Renders a whole video as the app does: clips in parallel, then the final MP4. */
  async video(spec: VideoSpec, returnBytes = true) {
    const rendered = await vf.clips(spec.images, plansFor(spec), returnBytes);
    return { ...rendered, ...(await assemble(spec.audio, undefined, spec.plan?.fps, returnBytes)) };
  },

  /** The last final MP4, as base64. */
  async final() {
    return base64(lastFinal as Blob);
  },

  /** Muxes the last clips with another audio file, in memory or (`toDisk`) straight to a file on disk. */
  async assemble(audioUrl: string, audioName?: string, toDisk = false) {
    try {
      return await assemble(audioUrl, audioName, 30, true, toDisk);
    } catch (error) {
      return { error: failure(error) };
    }
  },

  /**
   * Muxes the last clips with each Blob swapped for zeros of the same size, so that only their files on
   * disk hold the video: with `disks` kept the engine reads the files, `lost` points them nowhere.
   */
  async assembleFromDiskOnly(audioUrl: string, disks: 'kept' | 'lost') {
    const kept = lastClips;
    lastClips = kept.map(({ blob, frames, disk }) => ({
      blob: new Blob([new Uint8Array(blob.size)]),
      frames,
      ...(disk && { disk: disks === 'kept' ? disk : [...CLIP_FOLDER, 'missing.mp4'] }),
    }));
    try {
      return await vf.assemble(audioUrl);
    } finally {
      lastClips = kept;
    }
  },

  /**
   * Stands in for a long video's clips without rendering them: `count` copies of the last clips' first
   * clip, then their last clip, each a file on disk (OPFS) as the app keeps clips; the audio at
   * `audioUrl` is kept on disk too. For the benchmark of a long assembly (`longAssembly`).
   */
  async copiesOnDisk(count: number, audioUrl: string) {
    const [first, last] = [lastClips[0] as Clip, lastClips.at(-1) as Clip];
    const copies: typeof lastClips = [];
    for (let i = 0; i <= count; i++) {
      const clip = i < count ? first : last;
      const disk = ['voiceframe-harness', `copy${i}.mp4`];
      copies.push({ blob: await onDisk(disk, clip.blob), frames: clip.frames, disk });
    }
    lastClips = copies;
    // Streamed to disk: the page never holds the whole audio, as the app's stored file is not held.
    const audio = await fetch(audioUrl);
    if (!audio.ok || !audio.body) throw new Error(`${audioUrl}: ${audio.status}`);
    const name = audioUrl.split('/').pop() as string;
    diskAudio = await onDisk(['voiceframe-harness', name], audio.body);
    return copies.reduce((bytes, clip) => bytes + clip.blob.size, 0);
  },

  /** Assembles the clips and audio `copiesOnDisk` made into a final MP4 on disk, as the app does. */
  async longAssembly() {
    const started = performance.now();
    await engine().assemble({ clips: lastClips, audio: diskAudio as File, fps: 30, output: DISK_OUTPUT });
    return { assembleMs: performance.now() - started, bytes: await diskFileSize(DISK_OUTPUT) };
  },

  /** Starts a render, cancels it at the first progress report, and says how it ended. */
  async cancel(spec: VideoSpec) {
    const controller = new AbortController();
    const image = await fetchBlob(spec.images[0] as string);
    const started = performance.now();
    let abortedAt = 0;
    try {
      await renderBatch(
        engine(),
        plansFor(spec).map((plan) => ({ plan, image })),
        {
          signal: controller.signal,
          onProgress: () => {
            if (controller.signal.aborted) return;
            abortedAt = performance.now();
            controller.abort();
          },
        },
      );
      return { error: undefined, settledMs: performance.now() - started };
    } catch (error) {
      return { error: failure(error), settledMs: performance.now() - abortedAt };
    }
  },

  /** Plays the last final MP4 in a <video> element and reports what the browser saw. */
  async play() {
    const video = document.createElement('video');
    video.muted = true;
    video.src = URL.createObjectURL(lastFinal as Blob);
    document.body.append(video);
    await new Promise((resolve, reject) => {
      video.onloadedmetadata = resolve;
      video.onerror = () => reject(new Error(`video error ${video.error?.code}: ${video.error?.message}`));
    });
    await video.play();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    video.pause();
    const quality = video.getVideoPlaybackQuality();
    const result = {
      duration: video.duration,
      width: video.videoWidth,
      height: video.videoHeight,
      currentTime: video.currentTime,
      framesShown: quality.totalVideoFrames - quality.droppedVideoFrames,
    };
    URL.revokeObjectURL(video.src);
    video.remove();
    return result;
  },
};

declare global {
  interface Window {
    vf: typeof vf;
  }
}

window.vf = vf;
(document.getElementById('status') as HTMLElement).textContent = 'ready';
