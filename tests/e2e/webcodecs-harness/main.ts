// Test-only page: the render harness (`window.vf`, ffmpeg.wasm clips) plus `window.wc`, the WebCodecs
// clip renderer running in a worker, so one page renders the same plan with both engines.
import { wrap, type Remote } from 'comlink';
import type { RenderPlan } from '$lib/pipeline/kenburns';
import { createRenderPool } from '$lib/render/pool';
import '../render-harness/main';
import type { ClipWorkerApi } from './clip.worker';

let worker: Remote<ClipWorkerApi> | undefined;

function clipWorker(): Remote<ClipWorkerApi> {
  worker ??= wrap<ClipWorkerApi>(new Worker(new URL('./clip.worker.ts', import.meta.url), { type: 'module' }));
  return worker;
}

async function fetchBlob(url: string): Promise<Blob> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.blob();
}

function fromBase64(text: string): Blob {
  return new Blob([Uint8Array.from(atob(text), (char) => char.charCodeAt(0))]);
}

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

const wc = {
  /** The encoder configuration the worker would use for `plan`, or undefined. */
  config: (plan: RenderPlan) => clipWorker().config(plan),

  /** Renders each plan's clip from `image` in the worker, one after the other. */
  async render(image: string, plans: RenderPlan[], returnBytes = true) {
    const blob = await fetchBlob(image);
    const clips: string[] = [];
    const renderMs: number[] = [];
    const accelerations: string[] = [];
    for (const plan of plans) {
      const clip = await clipWorker().render(blob, plan);
      if (returnBytes) clips.push(base64(clip.bytes));
      renderMs.push(clip.renderMs);
      accelerations.push(clip.config.hardwareAcceleration);
    }
    return { clips, renderMs, accelerations };
  },

  /** `image` read from a canvas by bands and whole (see the worker's `pictureReads`). */
  async pictureReads(image: string, width: number, height: number, bandRows: number) {
    return clipWorker().pictureReads(await fetchBlob(image), width, height, bandRows);
  },

  /** The app's final assembly (ffmpeg.wasm, stream copy) of the given clips (base64) with the audio. */
  async assemble(clips: string[], frames: number[], audio: string, fps: number) {
    const pool = createRenderPool({ lanes: 1 });
    try {
      const final = await pool.assemble({
        clips: clips.map((clip, i) => ({ blob: fromBase64(clip), frames: frames[i] as number })),
        audio: await fetchBlob(audio),
        fps,
      });
      return base64(new Uint8Array(await final.arrayBuffer()));
    } finally {
      pool.dispose();
    }
  },
};

declare global {
  interface Window {
    wc: typeof wc;
  }
}

window.wc = wc;
