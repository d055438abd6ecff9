// The service worker keeps the app and its video engine in the browser, so Voiceframe opens (and
// renders) offline. A first install downloads the engine (~31 MB) and, in Chromium, runs in a renderer
// process of its own (~110-140 MB: the browser cannot know before fetching the script that the worker
// shares the page's cross-origin isolation; later visits run it in the page's own process). A creator
// who drops a file at once would have that compete with their first video for memory, CPU and
// bandwidth, so a first visit installs only after a moment on the page with no video being made (reading
// and storing a picked recording count as making one): 5 s in which none went, or began. Later visits
// register at once: that is the browser's update check.
import { sleep } from './api/retry';
import { noRunFor } from './state/run-activity';

/** How long a first visit leaves the page to itself (no video being made) before installing. */
export const FIRST_INSTALL_DELAY_MS = 5000;

/** The parts of `navigator.serviceWorker` used here. */
export type WorkerContainer = Pick<ServiceWorkerContainer, 'getRegistration' | 'register'>;

/** Registers the app's service worker, on a first visit once the page is free (see above). */
export async function installForOffline(
  container: WorkerContainer,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<void> {
  try {
    if (!(await container.getRegistration('/'))) await noRunFor(FIRST_INSTALL_DELAY_MS, wait);
    await container.register('/sw.js', { scope: '/' });
  } catch (error) {
    console.warn('Offline support is unavailable:', error);
  }
}
