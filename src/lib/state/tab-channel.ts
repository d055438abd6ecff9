// What tabs open on the same project tell each other (BroadcastChannel), so every tab shows it live.
import type { StepId } from '../pipeline/project';

export type TabMessage =
  /** The stored project was changed: read it again. */
  | { type: 'changed' }
  /** The project was deleted. */
  | { type: 'deleted' }
  /** The project is about to be deleted: whoever is making it stops. */
  | { type: 'stop' }
  /** A tab following the run asks the tab making the project to stop, as its own Cancel would. */
  | { type: 'cancel' }
  /** A tab changed the project and asks the tab making it to carry on with the new work. */
  | { type: 'work' }
  /** A tab opened the project: the tab making it says so (with a `run` message). */
  | { type: 'hello' }
  /** The tab making the project: whether it runs, and the pieces being worked on. */
  | { type: 'run'; running: boolean; working: string[] }
  /** The tab making the project: work units done / total of a step. */
  | { type: 'report'; step: StepId; done: number; total: number };

export class TabChannel {
  readonly #channel: BroadcastChannel | undefined;

  constructor(projectId: string) {
    // Browsers (and Node) without BroadcastChannel: the tab works on its own, as before.
    this.#channel =
      typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(`voiceframe:${projectId}`);
  }

  /** Tells the other tabs (never this one). */
  post(message: TabMessage): void {
    this.#channel?.postMessage(message);
  }

  /** Listens to the other tabs; returns the way to stop. */
  listen(listener: (message: TabMessage) => void): () => void {
    const onMessage = (event: MessageEvent<TabMessage>) => listener(event.data);
    this.#channel?.addEventListener('message', onMessage);
    return () => this.#channel?.removeEventListener('message', onMessage);
  }

  close(): void {
    this.#channel?.close();
  }
}
