// The open project as stored: loading it, every change to it with its save, in order, and following
// the changes other tabs make to it.
import type { Project } from '../pipeline/project';
import { finalDone, nextStep } from '../pipeline/project-plan';
import { changeStoredProject, loadProject } from '../store/projects';
import { TabChannel, type TabMessage } from './tab-channel';

/** The Web Lock held by whoever runs a project (the tab making it): one holder per project. */
export const projectLock = (id: string): string => `voiceframe:${id}`;

export const DELETED_ELSEWHERE = 'This project was deleted in another tab or window.';

type Change = (project: Project) => Project;

export class ProjectDocument {
  /** The project as stored, with this tab's changes not yet saved; undefined until loaded (or when there is none). */
  project = $state.raw<Project | undefined>();
  /** Why the project could not be opened. */
  loadError = $state<string | undefined>();
  #id: string | undefined;
  #stored: Project | undefined;
  #pending: Change[] = [];
  #saving: Promise<void> = Promise.resolve();
  #channel: TabChannel | undefined;
  #listeners: ((message: TabMessage) => void)[] = [];
  #reading: Promise<void> | undefined;
  #readAgain = false;

  /** What the project needs next: a step to run, `blocked` on a failure, or `done`. */
  next = $derived(this.project ? nextStep(this.project) : undefined);
  /** The final video is made (and the project's pieces are all there). */
  done = $derived(this.project ? finalDone(this.project) : false);
  /** Scenes that failed, in order: the video waits for them. */
  failedScenes = $derived(this.project?.scenes?.filter((scene) => scene.failure) ?? []);

  /** Loads the project and follows what other tabs do to it until `close()`. */
  async open(id: string): Promise<void> {
    this.#id = id;
    this.#channel ??= new TabChannel(id);
    this.#channel.listen((message) => this.#heard(message));
    try {
      await this.reload();
      if (!this.project) this.loadError = 'There is no saved project here. It may have been deleted.';
    } catch (error) {
      this.loadError = (error as Error).message;
    }
  }

  close(): void {
    this.#channel?.close();
    this.#channel = undefined;
  }

  /** The project as it is now, for work that reads it live; only called once it is open. */
  current(): Project {
    return this.project as Project;
  }

  /** Reads the stored project again (this tab's unsaved changes stay on top); calls made meanwhile coalesce. */
  reload(): Promise<void> {
    if (this.#reading) {
      this.#readAgain = true;
      return this.#reading;
    }
    const read = async () => {
      do {
        this.#readAgain = false;
        this.#show(await loadProject(this.#id as string));
      } while (this.#readAgain);
    };
    this.#reading = read().finally(() => (this.#reading = undefined));
    return this.#reading;
  }

  /**
   * Applies a change at once and queues its save. Every change to the project goes through here (the
   * run's, retries, edits): each is applied again, under the project's write lock, to the STORED
   * project, so a tab's old copy never overwrites what another tab made; saves happen in order.
   * Resolves once this change is stored; the other tabs are then told.
   */
  change(change: Change): Promise<void> {
    const at = Date.now();
    const stamped: Change = (project) => ({ ...change(project), updatedAt: at });
    this.project = stamped(this.current());
    this.#pending.push(stamped);
    const id = this.current().id;
    const done = () => this.#pending.splice(this.#pending.indexOf(stamped), 1);
    // Made to the very copy this tab last stored (no other tab wrote meanwhile), the change is
    // already in what the tab shows: that is kept, not made again from the stored project (each new
    // project object has the page work out every scene's status and card once more).
    let onOwnCopy = false;
    const save = this.#saving.then(() =>
      changeStoredProject(id, (project) => {
        onOwnCopy = project === this.#stored;
        return stamped(project);
      }).then(
        (stored) => {
          done();
          if (onOwnCopy) this.#stored = stored;
          else this.#show(stored);
          this.#channel?.post({ type: 'changed' });
        },
        (error: unknown) => {
          done();
          this.#show(this.#stored);
          throw error;
        },
      ),
    );
    this.#saving = save.catch(() => undefined);
    return save;
  }

  /** Tells the other tabs on this project. */
  tell(message: TabMessage): void {
    this.#channel?.post(message);
  }

  /** Listens to the other tabs on this project; returns the way to stop. */
  hear(listener: (message: TabMessage) => void): () => void {
    this.#listeners.push(listener);
    return () => {
      this.#listeners = this.#listeners.filter((other) => other !== listener);
    };
  }

  #show(stored: Project | undefined): void {
    this.#stored = stored;
    this.project = stored && this.#pending.reduce((project, change) => change(project), stored);
  }

  #heard(message: TabMessage): void {
    if (message.type === 'changed') void this.reload().catch(() => undefined);
    if (message.type === 'deleted') {
      this.#stored = this.project = undefined;
      this.loadError = DELETED_ELSEWHERE;
    }
    for (const listener of this.#listeners) listener(message);
  }
}
