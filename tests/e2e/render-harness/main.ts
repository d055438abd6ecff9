// Test-only page: exposes the render engine to Playwright as `window.vf` (never part of the app).
import { planMotion, type PlanOptions } from '$lib/pipeline/kenburns';
import type { FormatId } from '$lib/pipeline/formats';
import { createRenderPool } from '$lib/render/pool';
import type { RenderEngine, RenderProgress } from '$lib/render/types';

async function fetchBlob(url: string): Promise<Blob> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.blob();
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

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

let pool: RenderEngine | undefined;

export interface VideoSpec {
  audio: string;
  images: string[];
  /** Scene ends in seconds; the last must be the audio duration (as the app's scenes tile it). */
  ends: number[];
  format: FormatId;
  plan?: PlanOptions;
  poolSize?: number;
}

const vf = {
  reset(size?: number) {
    pool?.dispose();
    pool = createRenderPool({ size });
    return pool.size;
  },
  async probe(url: string, name?: string) {
    pool ??= createRenderPool();
    const blob = await fetchBlob(url);
    try {
      return { info: await pool.probe(name ? new File([blob], name, { type: blob.type }) : blob) };
    } catch (error) {
      return { error: errorText(error), name: (error as Error).name };
    }
  },
  async compact(url: string) {
    pool ??= createRenderPool();
    const compact = await pool.compactAudio(await fetchBlob(url));
    return { ...compact, bytes: await base64(compact.bytes) };
  },
  /** Renders a whole video like the app does; returns the final MP4 and every clip as base64. */
  async video(spec: VideoSpec) {
    pool ??= createRenderPool({ size: spec.poolSize });
    const started = performance.now();
    const audio = await fetchBlob(spec.audio);
    const images = await Promise.all(spec.images.map(fetchBlob));
    const plans = spec.ends.map((end, index) =>
      planMotion({ index, start: index ? (spec.ends[index - 1] as number) : 0, end }, spec.format, spec.plan),
    );
    const progress: RenderProgress[] = [];
    const clipsDone: number[] = [];
    const clips = await pool.renderClips(
      plans.map((plan, i) => ({ plan, image: images[i % images.length] as Blob })),
      { onProgress: (p) => progress.push(p), onClip: (job) => void clipsDone.push(job) },
    );
    const rendered = performance.now();
    const fractions: number[] = [];
    const final = await pool.assemble(
      {
        clips: clips.map((clip) => ({ blob: new Blob([clip.bytes as Uint8Array<ArrayBuffer>]), frames: clip.frames })),
        audio,
        fps: plans[0]?.fps ?? 30,
      },
      { onProgress: (f) => fractions.push(f) },
    );
    return {
      final: await base64(final),
      clips: await Promise.all(clips.map((clip) => base64(clip.bytes))),
      plans,
      progress,
      clipsDone,
      fractions,
      renderMs: rendered - started,
      assembleMs: performance.now() - rendered,
    };
  },
  errorText,
};

declare global {
  interface Window {
    vf: typeof vf;
  }
}

window.vf = vf;
document.getElementById('status')!.textContent = 'ready';
