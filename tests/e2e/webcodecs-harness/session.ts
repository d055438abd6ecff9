// An open WebCodecs harness for a test file or a measurement: the render harness page with `window.wc` too.
import type { HarnessPage } from '../render-harness/build';
import { openHarness, type HarnessSession } from '../render-harness/session';

/** The render harness's `window.vf` and the WebCodecs clip renderer as `window.wc`. */
const WEBCODECS_PAGE: HarnessPage = { name: 'webcodecs-harness', entry: '../webcodecs-harness/main.ts', global: 'wc' };

export function openWebCodecsHarness(): Promise<HarnessSession> {
  return openHarness(WEBCODECS_PAGE);
}
