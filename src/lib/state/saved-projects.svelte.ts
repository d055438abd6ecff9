// State of the home page's saved projects: the list, deletion, the storage used and whether it is kept.
import type { Project } from '../pipeline/project';
import { tarChunks } from '../pipeline/tar';
import { requestPersistence, storageInfo, type StorageInfo } from '../store/db';
import {
  deleteProject,
  deleteUnreadable,
  exportStored,
  listProjects,
  underWriteLock,
  type UnreadableProject,
} from '../store/projects';
import { projectLock } from './project-document.svelte';
import { TabChannel } from './tab-channel';

/** How long a delete waits for the tab making the project to stop. */
const STOP_WAIT_MS = 15_000;

export class SavedProjects {
  projects = $state.raw<Project[]>([]);
  unreadable = $state.raw<UnreadableProject[]>([]);
  storage = $state<StorageInfo | undefined>();
  loaded = $state(false);
  error = $state<string | undefined>();

  async refresh(): Promise<void> {
    try {
      const list = await listProjects();
      this.projects = list.projects;
      this.unreadable = list.unreadable;
      this.storage = await storageInfo();
    } catch (error) {
      this.error = `Saved projects could not be read: ${(error as Error).message}`;
    } finally {
      this.loaded = true;
    }
  }

  /**
   * Deletes a project under its locks: a tab making it is asked to stop first, so it cannot save
   * pieces of a deleted project; the tabs showing it are told.
   */
  async remove(id: string): Promise<void> {
    const tabs = new TabChannel(id);
    try {
      tabs.post({ type: 'stop' });
      const remove = () => underWriteLock(id, () => deleteProject(id));
      const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
      if (locks) await locks.request(projectLock(id), { signal: AbortSignal.timeout(STOP_WAIT_MS) }, remove);
      else await remove();
      tabs.post({ type: 'deleted' });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      this.error = timedOut
        ? 'This project is being made in another tab that did not stop: close that tab, then delete it.'
        : `The project could not be deleted: ${(error as Error).message}`;
      return;
    } finally {
      tabs.close();
    }
    await this.refresh();
  }

  /** Deletes a project this version cannot read, freeing all the storage it took. */
  async removeUnreadable(entry: UnreadableProject): Promise<void> {
    await deleteUnreadable(entry);
    await this.refresh();
  }

  /** A tar archive of everything stored for a project this version cannot read, to keep before deleting it. */
  async exportUnreadable(entry: UnreadableProject): Promise<Blob> {
    const files = await exportStored(entry);
    const read = await Promise.all(
      files.map(async ([name, blob]) => ({ name, bytes: new Uint8Array(await blob.arrayBuffer()) })),
    );
    return new Blob(tarChunks(read) as BlobPart[], { type: 'application/x-tar' });
  }

  /** Asks the browser again to keep this site's data under storage pressure; the answer is shown. */
  async askToKeep(): Promise<void> {
    await requestPersistence();
    this.storage = await storageInfo();
  }
}
