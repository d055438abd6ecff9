// State of the home page's saved projects: the list, deletion and the storage used.
import type { Project } from '../pipeline/project';
import { storageInfo, type StorageInfo } from '../store/db';
import { deleteProject, listProjects } from '../store/projects';

export class SavedProjects {
  projects = $state.raw<Project[]>([]);
  unreadable = $state.raw<{ id: string; problem: string }[]>([]);
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
}
