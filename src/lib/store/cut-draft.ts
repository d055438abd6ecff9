// The scene cut editor's draft, not applied yet, kept for this tab (session storage) so that reloading the
// project's page does not lose it. It is read back as unknown data: the editor checks that it still fits
// the stored scenes before taking it back. Storage that is blocked or full costs only the keeping.
import { isSavedDraft, type SavedDraft } from '../pipeline/scene-cuts';

const keyOf = (projectId: string) => `voiceframe:cut-draft:${projectId}`;

/** This tab's session storage, or undefined where there is none (Node) or the browser blocks site data. */
function tabStorage(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}

/** The draft kept for the project in this tab, if any (and if it reads as one). */
export function loadCutDraft(projectId: string): SavedDraft | undefined {
  try {
    const text = tabStorage()?.getItem(keyOf(projectId));
    const value: unknown = text ? JSON.parse(text) : undefined;
    return isSavedDraft(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the draft (or forgets it: undefined, once applied or discarded). */
export function saveCutDraft(projectId: string, draft: SavedDraft | undefined): void {
  try {
    const storage = tabStorage();
    if (draft) storage?.setItem(keyOf(projectId), JSON.stringify(draft));
    else storage?.removeItem(keyOf(projectId));
  } catch {
    // Private modes may refuse: the draft lives on in the page, only a reload loses it.
  }
}
