// The media engine the app runs on: the render pool (ffmpeg.wasm workers), shared by every page.
import { createRenderPool, type RenderPool } from '../render/pool';
import { engineInUse } from '../render/engine-in-use.svelte';
import type { Engine } from './context';

let pool: RenderPool | undefined;

/** The engine, its workers started lazily on first use. */
export function loadEngine(): Promise<Engine> {
  pool ??= createRenderPool({ onEngine: (engine) => (engineInUse.current = engine) });
  return Promise.resolve(pool);
}
