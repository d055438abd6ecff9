// Whether a newer version of Voiceframe was deployed while this page was open. A tab left open across
// an update still asks for the old version's hashed files (a worker script, a lazily loaded chunk),
// which the server no longer has (404): such a failure is checked against the deployed version, so the
// page can offer a reload instead of failing every clip.
import { version } from '$app/environment';

class AppVersion {
  /** A newer version is deployed: this page's code is out of date. */
  outdated = $state(false);

  /** Asks the server which version it serves (SvelteKit's `_app/version.json`); true when newer. */
  async check(): Promise<boolean> {
    if (this.outdated) return true;
    try {
      const response = await fetch('/_app/version.json', { cache: 'no-store' });
      if (!response.ok) return false;
      const deployed = ((await response.json()) as { version?: unknown }).version;
      this.outdated = typeof deployed === 'string' && deployed !== version;
    } catch {
      // Offline or unreachable: nothing says the app changed.
    }
    return this.outdated;
  }

  /**
   * Checks again whenever a lazily loaded chunk fails (Vite's `vite:preloadError`); returns the way
   * to stop listening.
   */
  watchChunks(target: Window): () => void {
    const onPreloadError = () => void this.check();
    target.addEventListener('vite:preloadError', onPreloadError);
    return () => target.removeEventListener('vite:preloadError', onPreloadError);
  }
}

export const appVersion = new AppVersion();
