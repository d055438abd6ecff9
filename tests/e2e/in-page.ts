// What the app's e2e tests run inside the page, shared by both drivers (Playwright for Chromium, puppeteer
// for Firefox): each function is handed whole to the driver's evaluate or waitForFunction, so it uses
// nothing from outside its own body.

export interface StoredScene {
  index: number;
  start: number;
  end: number;
  text: string;
  /** The words heard in the scene, as transcribed. */
  words: { word: string; start: number; end: number }[];
  prompt?: { text: string };
  image?: { key: string };
  failure?: { step: string; message: string };
}

export interface StoredProject {
  id: string;
  name: string;
  format: string;
  captions?: string;
  fps: number;
  scenes?: StoredScene[];
  final?: { key: string };
}

/** The element showing a step of the progress list once it reports `status` (e.g. final "done"). */
export function stepSelector(step: string, status: string): string {
  return `[data-testid=step-${step}][data-status=${status}]`;
}

/** Whether the home page has finished checking the picked file: accepted ("… ready.") or refused (an alert). */
export function fileSettled(): boolean {
  const status = document.querySelector('[data-testid=file-status]');
  return !!status?.querySelector('[data-testid=file-error]') || /ready\.$/.test(status?.textContent?.trim() ?? '');
}

/** The projects as the app saved them in IndexedDB, read straight from the database. */
export function readStoredProjects(): Promise<StoredProject[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('voiceframe-manifests');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      if (!open.result.objectStoreNames.contains('projects')) return resolve([]);
      const request = open.result.transaction('projects').objectStore('projects').getAll();
      request.onsuccess = () => resolve(request.result as StoredProject[]);
      request.onerror = () => reject(request.error);
    };
  });
}

/** Whether the first project's final video has been made again: its stored key is set and not `previous`. */
export async function finalMadeAgain(previous: string | undefined): Promise<boolean> {
  const open = indexedDB.open('voiceframe-manifests');
  const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
  const request = db.transaction('projects').objectStore('projects').getAll();
  const all = await new Promise<{ final?: { key: string } }[]>((resolve) => {
    request.onsuccess = () => resolve(request.result);
  });
  db.close();
  const final = all[0]?.final?.key;
  return final !== undefined && final !== previous;
}

/**
 * The finished video's size and length once the page's player has a decoded frame of it (false before):
 * proof the browser itself can play what the app made.
 */
export function finalVideoPlayable(): { width: number; height: number; duration: number } | false {
  const video = document.querySelector<HTMLVideoElement>('[data-testid=final-video]');
  if (!video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return false;
  return { width: video.videoWidth, height: video.videoHeight, duration: video.duration };
}

/** Where the finished video is kept and what the page plays: SHA-256s, so a test compares them with the download. */
export interface FinalVideoSource {
  /** The video's file on disk (the Origin Private File System), if there is one. */
  disk?: { sha256: string; size: number };
  /** Whether IndexedDB holds a copy of it (it should not: videos go to disk). */
  inIndexedDb: boolean;
  /** The bytes behind the player's `src` (a blob: URL). */
  played: { sha256: string; url: string };
}

/** Reads the project's final video from the disk and IndexedDB, and the bytes the page's player has. */
export async function readFinalVideoSource({ id, key }: { id: string; key: string }): Promise<FinalVideoSource> {
  const sha = async (blob: Blob) =>
    [...new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()))]
      .map((byte) => byte.toString(16).padStart(2, '0'))
      .join('');
  let disk: FinalVideoSource['disk'];
  try {
    const root = await navigator.storage.getDirectory();
    const dir = await (await root.getDirectoryHandle('voiceframe-v1')).getDirectoryHandle(id);
    const file = await (await dir.getFileHandle(key)).getFile();
    disk = { sha256: await sha(file), size: file.size };
  } catch {
    disk = undefined;
  }
  const inIndexedDb = await new Promise<boolean>((resolve, reject) => {
    const open = indexedDB.open('voiceframe-blobs');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      if (!open.result.objectStoreNames.contains('blobs')) return resolve(false);
      const request = open.result.transaction('blobs').objectStore('blobs').count(`v1:${id}:${key}`);
      request.onsuccess = () => resolve(request.result > 0);
      request.onerror = () => reject(request.error);
    };
  });
  const url = document.querySelector<HTMLVideoElement>('[data-testid=final-video]')?.src ?? '';
  const played = { sha256: await sha(await (await fetch(url)).blob()), url };
  return { disk, inIndexedDb, played };
}

/** Every file the app keeps on disk (the Origin Private File System), as `<project id>/<name>`. */
export async function readDiskFileNames(): Promise<string[]> {
  const names: string[] = [];
  let top: FileSystemDirectoryHandle;
  try {
    top = await (await navigator.storage.getDirectory()).getDirectoryHandle('voiceframe-v1');
  } catch {
    return names;
  }
  for await (const [id, dir] of top.entries()) {
    if (dir.kind !== 'directory') continue;
    for await (const name of (dir as FileSystemDirectoryHandle).keys()) names.push(`${id}/${name}`);
  }
  return names.sort();
}

/** The captions track the finished video's player offers: its kind, name, language and words in order. */
export interface PlayerCaptions {
  kind: string;
  label: string;
  language: string;
  words: string[];
}

/**
 * The finished video player's captions, read as the browser parsed them: the track is turned on hidden
 * (as choosing it in the player's menu would, without drawing it) until its cues are loaded. Undefined
 * without a track.
 */
export async function readPlayerCaptions(): Promise<PlayerCaptions | undefined> {
  const video = document.querySelector('[data-testid=final-video]') as HTMLVideoElement;
  const element = video.querySelector('track');
  if (!element) return undefined;
  const { track } = element;
  track.mode = 'hidden';
  if (element.readyState !== HTMLTrackElement.LOADED) {
    await new Promise((resolve, reject) => {
      element.addEventListener('load', resolve, { once: true });
      element.addEventListener('error', () => reject(new Error('The captions track did not load.')), { once: true });
    });
  }
  const cues = [...(track.cues ?? [])] as VTTCue[];
  const words = cues.flatMap((cue) => cue.text.split(/\s+/).filter(Boolean));
  return { kind: track.kind, label: track.label, language: track.language, words };
}
