// When each step of the project page changed status, as the user saw it: recorded in the page itself.
import type { BrowserContext, Page } from 'playwright-core';

const STEP_IDS = ['transcribe', 'scenes', 'prompts', 'images', 'clips', 'final'] as const;
export type StepName = (typeof STEP_IDS)[number];

export interface StepClock {
  /** Wall-clock ms (Date.now()) at which each step was first seen `working`, then `done`. */
  working: Partial<Record<StepName, number>>;
  done: Partial<Record<StepName, number>>;
  /** Each step's status, count and time-left text as last seen. */
  state: string;
  /** When `state` last changed (ms): the page is alive while this moves. */
  changedAt: number;
}

type Recorder = { __vfSteps?: StepClock };

/**
 * Runs in every document of the context: a MutationObserver on the whole page reads the six steps
 * after every change, so a status is timed to the frame it was shown in, without polling.
 */
function recordSteps(ids: readonly string[]): void {
  const clock: StepClock = { working: {}, done: {}, state: '', changedAt: Date.now() };
  (window as Recorder).__vfSteps = clock;
  const read = () => {
    const parts: string[] = [];
    for (const id of ids) {
      const step = document.querySelector(`[data-testid=step-${id}]`);
      const status = step?.getAttribute('data-status');
      if (!step || !status) continue;
      const slot = clock[status as 'working' | 'done'] as Record<string, number> | undefined;
      if (slot && slot[id] === undefined) slot[id] = Date.now();
      const bar = step.querySelector('progress');
      parts.push(`${id}:${status}:${bar?.value ?? ''}:${step.textContent ?? ''}`);
    }
    const state = parts.join('|');
    if (state !== clock.state) [clock.state, clock.changedAt] = [state, Date.now()];
  };
  const start = () =>
    new MutationObserver(read).observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
}

export interface StepSpan {
  step: StepName;
  /** Wall-clock ms. */
  start: number;
  end: number;
}

/**
 * When each step ran: from the first time it showed `working` (a step too quick to be seen working
 * starts when the one before it ended; the first at `created`) to the first time it showed `done`.
 * The scene steps overlap (a clip renders as soon as its image exists), so the spans do too.
 */
export function stepSpans(clock: StepClock, created: number): StepSpan[] {
  let previousEnd = created;
  return STEP_IDS.map((step) => {
    const end = clock.done[step] ?? NaN;
    const span = { step, start: Math.min(clock.working[step] ?? previousEnd, end), end };
    previousEnd = end;
    return span;
  });
}

export async function installStepClock(context: BrowserContext): Promise<void> {
  // tsx compiles with esbuild's keepNames, which wraps inner functions in `__name(...)`: the page needs it too.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  await context.addInitScript(recordSteps, STEP_IDS);
}

export async function readStepClock(page: Page): Promise<StepClock> {
  const clock = await page.evaluate(() => (window as Recorder).__vfSteps);
  if (!clock) throw new Error('The step clock is not installed in this page.');
  return clock;
}

/** What the page says went wrong, if anything: a stop notice, a project error or failed scenes. */
export async function troubleOnPage(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const text = (selector: string) => document.querySelector(selector)?.textContent?.trim();
    const failed = [...document.querySelectorAll('[data-testid=scene][data-status=failed]')];
    const scenes = failed.map((scene) => scene.textContent?.replace(/\s+/g, ' ').trim().slice(0, 300));
    const said = [text('[data-testid=stopped]'), text('[data-testid=project-error]'), ...scenes].filter(Boolean);
    // A failed piece only stops the run when nothing is working any more.
    const busy = !!document.querySelector('[data-testid^=step-][data-status=working]');
    return said.length > 0 && (!busy || text('[data-testid=project-error]')) ? said.join(' / ') : undefined;
  });
}
