// The media engine the app runs on: the render pool (ffmpeg.wasm workers), behind the runner's `Engine`.
import { planMotion } from '../pipeline/kenburns';
import { videoKbpsBudget } from '../pipeline/video-budget';
import { sceneFrames } from '../pipeline/timeline';
import { createRenderPool } from '../render/pool';
import type { RenderEngine } from '../render/types';
import type { Engine } from './context';

let pool: RenderEngine | undefined;

function adapt(engine: RenderEngine): Engine {
  return {
    probe: (file, signal) => engine.probe(file, { signal }),
    async compact(file, signal) {
      const copy = await engine.compactAudio(file, { signal });
      return {
        blob: new Blob([copy.bytes as Uint8Array<ArrayBuffer>], { type: copy.mimeType }),
        fileName: copy.fileName,
      };
    },
    lanes: engine.size,
    async renderClip(project, { scene, image }, { signal, onFrames }) {
      const plan = planMotion(scene, project.format, { fps: project.fps, maxKbps: videoKbpsBudget(project.audio) });
      const clip = await engine.renderClip({ image, plan }, { signal, onFrames });
      return new Blob([clip.bytes as Uint8Array<ArrayBuffer>], { type: 'video/mp4' });
    },
    assemble(project, clips, audio, { signal, onProgress }) {
      const scenes = project.scenes ?? [];
      const input = clips.map((blob, i) => ({
        blob,
        frames: sceneFrames(scenes[i] ?? { start: 0, end: 0 }, project.fps),
      }));
      return engine.assemble({ clips: input, audio, fps: project.fps }, { signal, onProgress });
    },
  };
}

/** The engine, its workers started lazily on first use and shared by every page of the app. */
export function loadEngine(): Promise<Engine> {
  pool ??= createRenderPool();
  return Promise.resolve(adapt(pool));
}
