// State of the home page's saved projects: the list, deletion, the storage used and whether it is kept.
import type { Project } from '../pipeline/project';
import { tarChunks } from '../pipeline/tar';
import { requestPersistence, storageInfo, type StorageInfo } from '../store/db';
import { deleteProject, deleteUnreadable, exportStored, listProjects, type UnreadableProject } from '../store/projects';

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

  async remove(id: string): Promise<void> {
    await deleteProject(id);
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
