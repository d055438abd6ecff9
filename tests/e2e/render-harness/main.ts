// Test-only page: exposes the render engine to Playwright as `window.vf` (never part of the app).
import { planMotion, type PlanOptions, type RenderPlan } from '$lib/pipeline/kenburns';
import type { FormatId } from '$lib/pipeline/formats';
import { createRenderPool } from '$lib/render/pool';
import type { Clip, RenderEngine, RenderProgress } from '$lib/render/types';

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

let pool: RenderEngine | undefined;
let lastClips: Clip[] = [];
let lastFinal: Blob | undefined;

function engine(size?: number): RenderEngine {
  pool ??= createRenderPool({ size });
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

async function assemble(audioUrl: string, audioName?: string, fps = 30) {
  const fractions: number[] = [];
  const started = performance.now();
  const clips = lastClips.map((clip) => ({
    blob: new Blob([clip.bytes as Uint8Array<ArrayBuffer>]),
    frames: clip.frames,
  }));
  lastFinal = await engine().assemble(
    { clips, audio: await fetchBlob(audioUrl, audioName), fps },
    { onProgress: (fraction) => fractions.push(fraction) },
  );
  return { final: await base64(lastFinal), fractions, assembleMs: performance.now() - started };
}

const vf = {
  /** Starts over with a pool of `size` workers (the default size when omitted). */
  reset(size?: number) {
    pool?.dispose();
    pool = undefined;
    return engine(size).size;
  },

  async probe(url: string, name?: string) {
    try {
      return { info: await engine().probe(await fetchBlob(url, name)) };
    } catch (error) {
      return { error: failure(error) };
    }
  },

  async compact(url: string) {
    const compact = await engine().compactAudio(await fetchBlob(url));
    return { ...compact, bytes: await base64(compact.bytes) };
  },

  /** Renders clips for the given plans (images cycle), keeping them for `assemble`. */
  async clips(images: string[], plans: RenderPlan[]) {
    const blobs = await Promise.all(images.map((url) => fetchBlob(url)));
    const progress: RenderProgress[] = [];
    const finished: number[] = [];
    const started = performance.now();
    lastClips = await engine().renderClips(
      plans.map((plan, i) => ({ plan, image: blobs[i % blobs.length] as Blob })),
      { onProgress: (p) => progress.push(p), onClip: (job) => void finished.push(job) },
    );
    return {
      clips: await Promise.all(lastClips.map((clip) => base64(clip.bytes))),
      progress,
      finished,
      renderMs: performance.now() - started,
    };
  },

  plans: plansFor,

  /** Renders a whole video as the app does: clips in parallel, then the final MP4. */
  async video(spec: VideoSpec) {
    const rendered = await vf.clips(spec.images, plansFor(spec));
    return { ...rendered, ...(await assemble(spec.audio, undefined, spec.plan?.fps)) };
  },

  /** Muxes the last clips with another audio file. */
  async assemble(audioUrl: string, audioName?: string) {
    try {
      return await assemble(audioUrl, audioName);
    } catch (error) {
      return { error: failure(error) };
    }
  },

  /** Starts a render, cancels it at the first progress report, and says how it ended. */
  async cancel(spec: VideoSpec) {
    const controller = new AbortController();
    const image = await fetchBlob(spec.images[0] as string);
    const started = performance.now();
    let abortedAt = 0;
    try {
      await engine().renderClips(
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
