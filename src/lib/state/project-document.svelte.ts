// The open project as stored: loading it, and every change to it with its save, in order.
import type { Project } from '../pipeline/project';
import { finalDone, nextStep } from '../pipeline/project-plan';
import { loadProject, saveProject } from '../store/projects';

/** The Web Lock held by whoever changes a project (the tab running it): one holder per project. */
export const projectLock = (id: string): string => `voiceframe:${id}`;

export class ProjectDocument {
  /** The project as last changed here; undefined until loaded (or when there is none). */
  project = $state.raw<Project | undefined>();
  /** Why the project could not be opened. */
  loadError = $state<string | undefined>();
  #saving: Promise<void> = Promise.resolve();

  /** What the project needs next: a step to run, `blocked` on a failure, or `done`. */
  next = $derived(this.project ? nextStep(this.project) : undefined);
  /** The final video is made (and the project's pieces are all there). */
  done = $derived(this.project ? finalDone(this.project) : false);
  /** Scenes that failed, in order: the video waits for them. */
  failedScenes = $derived(this.project?.scenes?.filter((scene) => scene.failure) ?? []);

  async open(id: string): Promise<void> {
    try {
      this.project = await loadProject(id);
      if (!this.project) this.loadError = 'There is no saved project here. It may have been deleted.';
    } catch (error) {
      this.loadError = (error as Error).message;
    }
  }

  /** The project as it is now, for work that reads it live; only called once it is open. */
  current(): Project {
    return this.project as Project;
  }

  /**
   * Applies a change and queues its save; saves happen in order, each with the latest state.
   * Resolves once this change is stored. Every change to the project goes through here (the run's,
   * retries, edits), so how changes are made safe across tabs is decided in this one place.
   */
  change(change: (project: Project) => Project): Promise<void> {
    const changed = { ...change(this.current()), updatedAt: Date.now() };
    this.project = changed;
    const save = this.#saving.then(() => saveProject(changed));
    this.#saving = save.catch(() => undefined);
    return save;
  }
}
