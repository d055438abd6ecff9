// Test-only page: the render harness (`window.vf`, ffmpeg.wasm clips) plus `window.wc`, the WebCodecs
// clip renderer running in a worker, so one page renders the same plan with both engines.
import { wrap, type Remote } from 'comlink';
import type { RenderPlan } from '$lib/pipeline/kenburns';
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
};

declare global {
  interface Window {
    wc: typeof wc;
  }
}

window.wc = wc;
