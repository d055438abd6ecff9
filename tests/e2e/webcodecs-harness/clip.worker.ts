// Test-only worker: the WebCodecs clip renderer behind comlink, off the page's thread as in the app.
import { expose, transfer } from 'comlink';
import type { RenderPlan } from '$lib/pipeline/kenburns';
import { renderClipWebCodecs, webCodecsConfig } from '../../../src/workers/webcodecs-clip';

const api = {
  config: (plan: RenderPlan) => webCodecsConfig(plan),

  async render(image: Blob, plan: RenderPlan) {
    const started = performance.now();
    const { bytes, config } = await renderClipWebCodecs(image, plan);
    return transfer({ bytes, config, renderMs: performance.now() - started }, [bytes.buffer]);
  },
};

export type ClipWorkerApi = typeof api;

expose(api);
