// Runs the open project: start, cancel and carry on, one tab at a time (Web Locks), waiting for the
// connection and for the server's access token; retry and edit, which carry the work on.
import type { CaptionStyleId } from '../pipeline/captions/styles';
import { editPrompt, editWord, nextStep, retryProject, retryScene, setCaptions } from '../pipeline/project-plan';
import { isAccessDenied } from '../pipeline/errors';
import { accessToken } from '../store/access-token';
import type { Engine, RunContext } from '../run/context';
import { runProject } from '../run/run';
import { projectLock, type ProjectDocument } from './project-document.svelte';
import type { RunProgress } from './run-progress.svelte';
import type { ServerAccess } from './server-access.svelte';

const NETWORK_STEPS: readonly string[] = ['transcribe', 'prompts', 'images'];
export const NEEDS_CONNECTION =
  'You are offline. Transcription, prompts and images need an internet connection: Voiceframe carries on by itself when you are back online.';
export const CANCELLED = 'Stopped. Everything made so far is saved: press Resume to go on.';
export const IN_ANOTHER_TAB = 'This project is being made in another tab or window.';

export interface RunControllerParts {
  document: ProjectDocument;
  progress: RunProgress;
  /** The server's access token, asked for when the server refuses the run's calls without it. */
  access: ServerAccess;
  engine: () => Promise<Engine>;
  /** Options for every proxy call (the app's are the defaults: same origin, standard retries, the kept token). */
  api?: RunContext['api'];
}

export class RunController {
  /** Why the run stopped short: cancelled, offline, storage full, another tab... */
  stopped = $state<string | undefined>();
  readonly access: ServerAccess;
  readonly #document: ProjectDocument;
  readonly #progress: RunProgress;
  readonly #engine: () => Promise<Engine>;
  readonly #api: RunContext['api'];
  #controller: AbortController | undefined;
  /** Work was asked for while a run was going: look again once it ends. */
  #more = false;

  constructor(parts: RunControllerParts) {
    this.#document = parts.document;
    this.#progress = parts.progress;
    this.access = parts.access;
    this.#engine = parts.engine;
    this.#api = parts.api ?? { token: accessToken };
  }

  get running(): boolean {
    return this.#progress.running;
  }

  /**
   * Opens the project and keeps it going while the page is open: it starts once loaded, and again
   * when the connection comes back or a token typed in another tab unlocks the server. Returns the
   * way to let go, which also stops the run.
   */
  open(id: string): () => void {
    const resume = () => void this.start();
    void this.#document.open(id).then(resume);
    window.addEventListener('online', resume);
    const unfollow = this.access.follow(resume);
    return () => {
      window.removeEventListener('online', resume);
      unfollow();
      this.cancel();
    };
  }

  /** Starts (or resumes) work; one tab at a time works on a project. */
  async start(): Promise<void> {
    const project = this.#document.project;
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
      await navigator.locks.request(projectLock(project.id), { ifAvailable: true }, async (lock) => {
        if (!lock) this.stopped = IN_ANOTHER_TAB;
        else await this.#run();
      });
    // A retry or an edit made while the run was ending may have come after its last look at the project.
    if (this.#more && !this.stopped) {
      this.#more = false;
      await this.start();
    }
  }

  cancel(): void {
    this.#controller?.abort(new DOMException('Cancelled by the user.', 'AbortError'));
  }

  async retryScene(index: number): Promise<void> {
    await this.#document.change((project) => retryScene(project, index));
    await this.#carryOn();
  }

  async retryProject(): Promise<void> {
    await this.#document.change((project) => retryProject(project));
    await this.#carryOn();
  }

  async editPrompt(index: number, text: string): Promise<void> {
    await this.#document.change((project) => editPrompt(project, index, text));
    await this.#carryOn();
  }

  /** Another caption style (or none): the clips and the final video are made again, nothing else. */
  async setCaptions(captions: CaptionStyleId): Promise<void> {
    await this.#document.change((project) => setCaptions(project, captions));
    await this.#carryOn();
  }

  /** A misheard word corrected, or removed (`''`): only the clips showing it are made again. */
  async correctWord(index: number, word: number, text: string): Promise<void> {
    await this.#document.change((project) => editWord(project, index, word, text));
    await this.#carryOn();
  }

  /** Gets new work done: by the run in progress (it reads the project live), else by a new run. */
  async #carryOn(): Promise<void> {
    if (this.running) this.#more = true;
    else await this.start();
  }

  async #run(): Promise<void> {
    const controller = new AbortController();
    this.#controller = controller;
    this.#progress.begin();
    this.stopped = undefined;
    try {
      await runProject(this.#context(controller.signal, await this.#engine()));
    } catch (error) {
      if (controller.signal.aborted) this.stopped = CANCELLED;
      else if (isAccessDenied(error)) this.access.denied();
      else if (navigator.onLine === false) this.stopped = NEEDS_CONNECTION;
      else this.stopped = (error as Error).message;
    } finally {
      this.#progress.end();
    }
  }

  #context(signal: AbortSignal, engine: Engine): RunContext {
    const progress = this.#progress;
    return {
      signal,
      engine,
      api: this.#api,
      concurrency: 4,
      project: () => this.#document.current(),
      update: (change) => this.#document.change(change),
      working: (id, on) => progress.work(id, on),
      progress: (step, done, total) => progress.report(step, done, total),
      notice: (step, message) => progress.notice(step, message),
    };
  }
}
