// Runs the open project: start, cancel and carry on, one tab at a time (Web Locks), always from the
// stored project, waiting for the connection and for the server's access token; retry and edit,
// which carry the work on here or in the tab making the project; following that tab's run.
import type { CaptionStyleId } from '../pipeline/captions/styles';
import { editPrompt, editWord, nextStep, retryProject, retryScene, setCaptions } from '../pipeline/project-plan';
import type { ImageModel } from '../pipeline/api-contract';
import { askForGuide, editGuide, redrawScenes } from '../pipeline/guide-plan';
import { askRedraw, restoreVersion } from '../pipeline/scene-images';
import { useOwnPicture } from '../pipeline/own-picture';
import type { MotionChoice } from '../pipeline/kenburns';
import { setMotion } from '../pipeline/scene-motion';
import type { SceneSpan } from '../pipeline/scene-cuts';
import { relayout } from '../pipeline/scene-relayout';
import { storeOwnPicture } from '../run/scene-picture';
import type { Project } from '../pipeline/project';
import { EngineOfflineError, isAccessDenied } from '../pipeline/errors';
import { accessToken } from '../store/access-token';
import { isOffline, type Engine, type RunContext } from '../run/context';
import { runProject } from '../run/run';
import { projectLock, type ProjectDocument } from './project-document.svelte';
import { asRun } from './run-activity';
import type { RunProgress } from './run-progress.svelte';
import type { ServerAccess } from './server-access.svelte';
import type { TabMessage } from './tab-channel';

// The Scenes step ends with the visual guide, a chat request.
const NETWORK_STEPS: readonly string[] = ['transcribe', 'scenes', 'prompts', 'images'];
export const NEEDS_CONNECTION =
  'You are offline. Transcription, the visual guide, prompts and images need an internet connection: Voiceframe carries on by itself when you are back online.';
export const ENGINE_NEEDS_CONNECTION =
  'You are offline, and the video engine has not been saved in this browser yet (it is kept for offline use once downloaded): Voiceframe carries on by itself when you are back online.';
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
  /** `start` is under way here (from asking for the lock to letting it go). */
  #active = false;
  /** The `start` under way, so closing can wait for the run to let go before leaving the other tabs. */
  #starting: Promise<void> = Promise.resolve();
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
   * when the connection comes back or a token typed in another tab unlocks the server; meanwhile it
   * follows the tab making it. Returns the way to let go, which also stops the run.
   */
  open(id: string): () => void {
    const resume = () => void this.start();
    const unhear = this.#document.hear((message) => this.#heard(message));
    void this.#document.open(id).then(() => {
      this.#document.tell({ type: 'hello' });
      resume();
    });
    // A tab closed in the middle of its run cannot end it the usual way: it tells the others it stopped.
    const leave = () => {
      if (this.running) this.#document.tell({ type: 'run', running: false, working: [] });
    };
    window.addEventListener('online', resume);
    window.addEventListener('pagehide', leave);
    const unfollow = this.access.follow(resume);
    return () => {
      window.removeEventListener('online', resume);
      window.removeEventListener('pagehide', leave);
      unfollow();
      unhear();
      this.#abort();
      // The other tabs hear that the run ended (from `#run`) before this page stops talking to them.
      void this.#starting.finally(() => this.#document.close()).catch(() => undefined);
    };
  }

  /**
   * Starts (or resumes) work; one tab at a time works on a project. The tab that gets the lock reads
   * the stored project first: what another tab made is never made again, nor overwritten.
   */
  async start(): Promise<void> {
    const id = this.#document.project?.id;
    // Waiting for the access token: every call would be refused again (the form restarts the run).
    if (!id || this.access.needed) return;
    // Asked while a run here is still letting go (the connection back as it stopped for it): it looks again.
    if (this.#active) {
      this.#more = true;
      return;
    }
    this.#active = true;
    this.#starting = this.#startWith(id);
    return this.#starting;
  }

  #startWith(id: string): Promise<void> {
    return asRun(async () => {
      try {
        do {
          this.#more = false;
          if (!navigator.locks) await this.#runStored();
          else
            await navigator.locks.request(projectLock(id), { ifAvailable: true }, async (lock) => {
              if (!lock) this.stopped = IN_ANOTHER_TAB;
              else await this.#runStored();
            });
          // A retry or an edit made while the run was ending may have come after its last look at the project;
          // the connection may have come back after the run stopped to wait for it.
        } while (this.#more && (!this.stopped || this.#backOnline()));
      } finally {
        this.#active = false;
      }
    });
  }

  /** Stopped to wait for the connection, which is back. */
  #backOnline(): boolean {
    return (
      (this.stopped === NEEDS_CONNECTION || this.stopped === ENGINE_NEEDS_CONNECTION) && navigator.onLine !== false
    );
  }

  /**
   * The person's Cancel: stops the run in this tab, or asks the tab making the project to stop its
   * run when this one only follows it.
   */
  cancel(): void {
    if (this.#controller) this.#abort();
    else if (this.#progress.elsewhere) this.#document.tell({ type: 'cancel' });
  }

  /** Stops this tab's own run, if any (everything made so far is kept). */
  #abort(): void {
    this.#controller?.abort(new DOMException('Cancelled by the user.', 'AbortError'));
  }

  retryScene(index: number): Promise<void> {
    return this.#changeAndCarryOn((project) => retryScene(project, index));
  }

  retryProject(): Promise<void> {
    return this.#changeAndCarryOn((project) => retryProject(project));
  }

  editPrompt(index: number, text: string): Promise<void> {
    return this.#changeAndCarryOn((project) => editPrompt(project, index, text));
  }

  /** The person's visual guide: stored as a new revision; nothing is redrawn until they ask. */
  editGuide(text: string): Promise<void> {
    return this.#changeAndCarryOn((project) => editGuide(project, text));
  }

  /** The person asked for the visual guide of a project made before guides: one paid call (per piece), nothing else. */
  askForGuide(): Promise<void> {
    return this.#changeAndCarryOn((project) => askForGuide(project));
  }

  /** The person asked to redraw these scenes: their prompts, pictures and clips are made again. */
  redrawScenes(indices: readonly number[]): Promise<void> {
    return this.#changeAndCarryOn((project) => redrawScenes(project, indices));
  }

  /** The person bought another picture of a scene: drawn by the run, the old one kept as a version. */
  redrawImage(index: number, model: ImageModel, seed?: number): Promise<void> {
    return this.#changeAndCarryOn((project) => askRedraw(project, index, model, seed));
  }

  /** An earlier picture taken back: no call, only the scene's clip and the video are made again. */
  restoreImage(index: number, key: string): Promise<void> {
    return this.#changeAndCarryOn((project) => restoreVersion(project, index, key));
  }

  /**
   * The person's own file becomes a scene's picture (checked and stored first; rejects with the reason
   * it is refused): nothing is bought, the scene's clip and the video are made again.
   */
  async useOwnPicture(index: number, file: File): Promise<void> {
    const id = this.#document.project?.id;
    if (!id) return;
    const image = await storeOwnPicture(id, file);
    await this.#changeAndCarryOn((project) => useOwnPicture(project, index, image));
  }

  /** The person's camera move for a scene (undefined: automatic): only its clip and the video are made again. */
  setMotion(index: number, motion: MotionChoice | undefined): Promise<void> {
    return this.#changeAndCarryOn((project) => setMotion(project, index, motion));
  }

  /**
   * New scene cuts the person applied, the button having said what they buy: the scenes whose words
   * changed are prompted, drawn and rendered again; the others keep everything, their clips too.
   */
  recut(spans: readonly SceneSpan[]): Promise<void> {
    return this.#changeAndCarryOn((project) => relayout(project, spans).project);
  }

  /** Another caption style (or none): the clips and the final video are made again, nothing else. */
  setCaptions(captions: CaptionStyleId): Promise<void> {
    return this.#changeAndCarryOn((project) => setCaptions(project, captions));
  }

  /** A misheard word corrected, or removed (`''`): only the clips showing it are made again. */
  correctWord(index: number, word: number, text: string): Promise<void> {
    return this.#changeAndCarryOn((project) => editWord(project, index, word, text));
  }

  /** Filler words and pauses cut or kept (all, or one): only the clips they move and the video are made again. */
  changeCuts(change: (project: Project) => Project): Promise<void> {
    return this.#changeAndCarryOn(change);
  }

  /**
   * Stores the change (made to the stored project), then gets the new work done: by the run in
   * progress here or in another tab (both read the project live), else by a new run here.
   */
  async #changeAndCarryOn(change: (project: Project) => Project): Promise<void> {
    await this.#document.change(change);
    if (this.#active) {
      this.#more = true;
      return;
    }
    this.#document.tell({ type: 'work' });
    await this.start();
  }

  #heard(message: TabMessage): void {
    if (message.type === 'stop' || message.type === 'deleted' || message.type === 'cancel') this.#abort();
    else if (message.type === 'hello' && this.running) this.#tellRun();
    else if (message.type === 'report') this.#progress.report(message.step, message.done, message.total);
    else if (message.type === 'run') {
      this.#progress.follow(message.running, message.working);
      if (message.running && !this.running) this.stopped = IN_ANOTHER_TAB;
      if (!message.running && this.stopped === IN_ANOTHER_TAB) this.stopped = undefined;
    } else if (message.type === 'work') {
      // The tab making the project looks again once its run ends; if none is, one of the others starts.
      if (this.#active) this.#more = true;
      else void this.start();
    }
  }

  /** Reads the stored project (the lock is held) and runs what it still needs. */
  async #runStored(): Promise<void> {
    try {
      await this.#document.reload();
    } catch (error) {
      this.stopped = (error as Error).message;
      return;
    }
    const project = this.#document.project;
    if (!project) return;
    const step = nextStep(project);
    if (step === 'done' || step === 'blocked') return;
    if (NETWORK_STEPS.includes(step) && navigator.onLine === false) {
      this.stopped = NEEDS_CONNECTION;
      return;
    }
    await this.#run();
  }

  async #run(): Promise<void> {
    const controller = new AbortController();
    this.#controller = controller;
    this.#progress.begin();
    this.stopped = undefined;
    this.#tellRun();
    try {
      await runProject(this.#context(controller.signal, await this.#engine()));
    } catch (error) {
      if (controller.signal.aborted) this.stopped = CANCELLED;
      else if (isAccessDenied(error)) this.access.denied();
      else if (navigator.onLine === false) {
        this.stopped = error instanceof EngineOfflineError ? ENGINE_NEEDS_CONNECTION : NEEDS_CONNECTION;
      }
      // Back online before the run had stopped (so `online` found it still going): it goes on at once.
      else if (isOffline(error)) this.#more = true;
      else this.stopped = (error as Error).message;
    } finally {
      if (this.#controller === controller) this.#controller = undefined;
      this.#progress.end();
      this.#tellRun();
    }
  }

  /** Tells the other tabs how this tab's run goes. */
  #tellRun(): void {
    this.#document.tell({ type: 'run', running: this.running, working: [...this.#progress.working] });
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
      working: (id, on) => {
        progress.work(id, on);
        this.#tellRun();
      },
      progress: (step, done, total) => {
        progress.report(step, done, total);
        this.#document.tell({ type: 'report', step, done, total });
      },
      notice: (step, message) => progress.notice(step, message),
    };
  }
}
