// How a run is going, as the page shows it: pieces being worked on, each step's progress, passing
// notices and the time left (counted down every second while the run goes).
import { SvelteSet } from 'svelte/reactivity';
import type { Project, StepId } from '../pipeline/project';
import {
  chainedSecondsLeft,
  formatEta,
  sceneStatusTable,
  stepProgress,
  type SceneStatuses,
} from '../pipeline/project-progress';

const NOT_STARTED: SceneStatuses = { prompts: 'pending', images: 'pending', clips: 'pending' };

interface Timing {
  startedAt: number;
  doneAtStart: number;
  done: number;
  total: number;
}

export class RunProgress {
  /** A run is going in this tab. */
  running = $state(false);
  /** A run is going in another tab, which tells this one how it goes (see `follow`). */
  elsewhere = $state(false);
  /** A run is going here or elsewhere: steps show as live and their time left counts down. */
  live = $derived(this.running || this.elsewhere);
  /** Ids of the pieces being worked on now. */
  readonly working = new SvelteSet<string>();
  /** A passing remark per step ("rate limited, retrying in 5 s"). */
  notices = $state<Partial<Record<StepId, string>>>({});
  #timings = $state<Partial<Record<StepId, Timing>>>({});
  #now = $state(Date.now());
  #ticker: ReturnType<typeof setInterval> | undefined;

  /** Every scene's statuses, worked out once per change; a scene whose statuses stay keeps its object. */
  #sceneTable: readonly SceneStatuses[] = [];
  #scenes = $derived.by(() => {
    const project = this.project();
    return (this.#sceneTable = project ? sceneStatusTable(project, this.working, this.#sceneTable) : []);
  });

  /** Every step with its status and counts, for the step list. */
  steps = $derived.by(() => {
    const project = this.project();
    return project ? stepProgress(project, this.working, this.live, this.#scenes) : [];
  });

  /** `project` reads the project the run works on (undefined until it is open). */
  constructor(private readonly project: () => Project | undefined) {}

  /** A run starts: rates are measured per run, so time spent stopped does not count as work. */
  begin(): void {
    this.running = true;
    this.elsewhere = false;
    this.#startTimings();
  }

  /** Another tab's run, as it tells: whether it goes and what it works on (its reports come through `report`). */
  follow(running: boolean, working: readonly string[]): void {
    if (this.running) return;
    if (running && !this.elsewhere) this.#startTimings();
    if (!running) this.#stopTicking();
    this.elsewhere = running;
    this.working.clear();
    if (running) for (const id of working) this.working.add(id);
  }

  #startTimings(): void {
    this.#timings = {};
    clearInterval(this.#ticker);
    this.#ticker = setInterval(() => (this.#now = Date.now()), 1000);
  }

  /** The run ended: nothing is being worked on and its notices go. */
  end(): void {
    this.#stopTicking();
    this.working.clear();
    this.notices = {};
    this.running = false;
  }

  #stopTicking(): void {
    clearInterval(this.#ticker);
    this.#ticker = undefined;
  }

  /** A piece starts (`on`) or stops being worked on. */
  work(id: string, on: boolean): void {
    if (on) this.working.add(id);
    else this.working.delete(id);
  }

  /**
   * Work units done / total of a step. The rate is measured from the step's first report in this run;
   * its total may change meanwhile (a scene fails, or is retried) without the pace measured so far
   * being thrown away.
   */
  report(step: StepId, done: number, total: number): void {
    const timing = this.#timings[step];
    this.#timings[step] = timing
      ? { ...timing, done, total }
      : { startedAt: Date.now(), doneAtStart: done, done, total };
  }

  notice(step: StepId, message: string | undefined): void {
    this.notices = { ...this.notices, [step]: message };
  }

  /** Each step's status for one scene, for its card: the same object for as long as they stay the same. */
  sceneStatuses(index: number): SceneStatuses {
    return this.#scenes[index] ?? NOT_STARTED;
  }

  /**
   * Time left for a step, as words, while the run has some of it left to do; undefined otherwise.
   * Steps overlap, so a step waiting on the one before it is never promised sooner than that one.
   */
  eta(step: StepId): string | undefined {
    const timing = this.#timings[step];
    if (!this.live || !timing || timing.done >= timing.total) return undefined;
    const samples = Object.fromEntries(
      Object.entries(this.#timings).map(([id, t]) => [
        id,
        { startedAt: t.startedAt, now: this.#now, doneSinceStart: t.done - t.doneAtStart, remaining: t.total - t.done },
      ]),
    );
    return formatEta(chainedSecondsLeft(step, samples));
  }
}
