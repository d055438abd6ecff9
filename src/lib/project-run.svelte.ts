// State of the open project page: the project as saved, what is running, progress and time left.
import { SvelteSet } from 'svelte/reactivity';
import { SCENE_STEPS, type PieceStatus, type Project, type SceneStep, type StepId } from './pipeline/project';
import { editPrompt, nextStep, retryProject, retryScene, sceneStatus } from './pipeline/project-plan';
import { chainedSecondsLeft, formatEta, stepProgress } from './pipeline/project-progress';
import { isAccessDenied } from './api/client';
import { ServerAccess } from './state/server-access.svelte';
import { loadProject, saveProject } from './store/projects';
import type { Engine, RunContext } from './run/context';
import { runProject } from './run/run';

const NETWORK_STEPS: readonly string[] = ['transcribe', 'prompts', 'images'];
export const NEEDS_CONNECTION =
  'You are offline. Transcription, prompts and images need an internet connection: Voiceframe carries on by itself when you are back online.';

interface Timing {
  startedAt: number;
  doneAtStart: number;
  done: number;
  total: number;
}

export class ProjectRun {
  project = $state.raw<Project | undefined>();
  loadError = $state<string | undefined>();
  running = $state(false);
  /** Why the run stopped short: cancelled, offline, storage full, another tab... */
  stopped = $state<string | undefined>();
  working = new SvelteSet<string>();
  /** The server's access token, asked for when the server refuses the run's calls without it. */
  readonly access = new ServerAccess();
  notices = $state<Partial<Record<StepId, string>>>({});
  #timings = $state<Partial<Record<StepId, Timing>>>({});
  #now = $state(Date.now());
  #controller: AbortController | undefined;
  #saving: Promise<void> = Promise.resolve();
  /** Work was asked for while a run was going: look again once it ends. */
  #more = false;

  steps = $derived(this.project ? stepProgress(this.project, this.working, this.running) : []);
  next = $derived(this.project ? nextStep(this.project) : undefined);

  constructor(private readonly engine: () => Promise<Engine>) {}

  async open(id: string): Promise<void> {
    try {
      this.project = await loadProject(id);
      if (!this.project) this.loadError = 'There is no saved project here. It may have been deleted.';
    } catch (error) {
      this.loadError = (error as Error).message;
    }
  }

  /** Each step's status for one scene, for its card. */
  sceneStatuses(index: number): Record<SceneStep, PieceStatus> {
    const project = this.project;
    const scene = project?.scenes?.[index];
    const status = (step: SceneStep) =>
      project && scene ? sceneStatus(project, scene, step, this.working) : 'pending';
    return Object.fromEntries(SCENE_STEPS.map((step) => [step, status(step)])) as Record<SceneStep, PieceStatus>;
  }

  /**
   * Time left for a step, as words, while the run has some of it left to do; undefined otherwise.
   * Steps overlap, so a step waiting on the one before it is never promised sooner than that one.
   */
  eta(step: StepId): string | undefined {
    const timing = this.#timings[step];
    if (!this.running || !timing || timing.done >= timing.total) return undefined;
    const samples = Object.fromEntries(
      Object.entries(this.#timings).map(([id, t]) => [
        id,
        { startedAt: t.startedAt, now: this.#now, doneSinceStart: t.done - t.doneAtStart, remaining: t.total - t.done },
      ]),
    );
    return formatEta(chainedSecondsLeft(step, samples));
  }

  /** Starts (or resumes) work; one tab at a time works on a project. */
  async start(): Promise<void> {
    const project = this.project;
    // Waiting for the access token: every call would be refused again (the form restarts the run).
    if (!project || this.running || this.access.needed) return;
    const step = nextStep(project);
    if (step === 'done' || step === 'blocked') return;
    if (NETWORK_STEPS.includes(step) && navigator.onLine === false) {
      this.stopped = NEEDS_CONNECTION;
      return;
    }
    if (!navigator.locks) await this.#run();
    else
      await navigator.locks.request(`voiceframe:${project.id}`, { ifAvailable: true }, async (lock) => {
        if (!lock) this.stopped = 'This project is being made in another tab or window.';
        else await this.#run();
      });
    // A retry or an edit made while the run was ending may have come after its last look at the project.
    if (this.#more && !this.stopped) {
      this.#more = false;
      await this.start();
    }
  }

  /** Gets new work done: by the run in progress (it reads the project live), else by a new run. */
  async #carryOn(): Promise<void> {
    if (this.running) this.#more = true;
    else await this.start();
  }

  async #run(): Promise<void> {
    const controller = new AbortController();
    this.#controller = controller;
    this.running = true;
    this.stopped = undefined;
    // Rates are measured per run: time spent stopped must not count as work.
    this.#timings = {};
    const ticker = setInterval(() => (this.#now = Date.now()), 1000);
    try {
      await runProject(this.#context(controller.signal, await this.engine()));
    } catch (error) {
      if (controller.signal.aborted) this.stopped = 'Stopped. Everything made so far is saved: press Resume to go on.';
      else if (isAccessDenied(error)) this.access.denied();
      else if (navigator.onLine === false) this.stopped = NEEDS_CONNECTION;
      else this.stopped = (error as Error).message;
    } finally {
      clearInterval(ticker);
      this.working.clear();
      this.notices = {};
      this.running = false;
    }
  }

  #context(signal: AbortSignal, engine: Engine): RunContext {
    return {
      signal,
      engine,
      api: {},
      concurrency: 4,
      project: () => this.project as Project,
      update: (change) => this.#update(change),
      working: (id, on) => (on ? this.working.add(id) : this.working.delete(id)),
      // The rate is measured from a step's first report in this run; its total may change meanwhile
      // (a scene fails, or is retried) without the pace measured so far being thrown away.
      progress: (step, done, total) => {
        const timing = this.#timings[step];
        this.#timings[step] = timing
          ? { ...timing, done, total }
          : { startedAt: Date.now(), doneAtStart: done, done, total };
      },
      notice: (step, message) => (this.notices = { ...this.notices, [step]: message }),
    };
  }

  /** Applies a change and queues its save; saves happen in order, each with the latest state. */
  #update(change: (project: Project) => Project): Promise<void> {
    const changed = { ...change(this.project as Project), updatedAt: Date.now() };
    this.project = changed;
    const save = this.#saving.then(() => saveProject(changed));
    this.#saving = save.catch(() => undefined);
    return save;
  }

  cancel(): void {
    this.#controller?.abort(new DOMException('Cancelled by the user.', 'AbortError'));
  }

  async retryScene(index: number): Promise<void> {
    await this.#update((project) => retryScene(project, index));
    await this.#carryOn();
  }

  async retryProject(): Promise<void> {
    await this.#update((project) => retryProject(project));
    await this.#carryOn();
  }

  async editPrompt(index: number, text: string): Promise<void> {
    await this.#update((project) => editPrompt(project, index, text));
    await this.#carryOn();
  }
}
