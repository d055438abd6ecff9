// Whether the server lets this browser in: its ACCESS_TOKEN asked for, checked, kept and forgotten.
import { isAccessDenied } from '../pipeline/errors';
import { fetchHealth } from '../api/health';
import type { HealthReport } from '../pipeline/api-contract';
import {
  ACCESS_TOKEN_KEY,
  accessToken,
  accessTokenProblem,
  forgetAccessToken,
  saveAccessToken,
} from '../store/access-token';

export class ServerAccess {
  /** The server refused a call for want of its token: the form is shown. */
  needed = $state(false);
  /** Why the last token was not accepted, for the form to say. */
  problem = $state<string | undefined>();
  /** A token is kept in this browser (so there is one to forget). */
  saved = $state(accessToken() !== undefined);

  /** Called when a request was refused for want of the token. */
  denied(): void {
    if (accessToken()) {
      // Refused by the server, so it can never work again: keeping it would only fail every call.
      forgetAccessToken();
      this.problem =
        'The access token saved in this browser was not accepted (the server’s ACCESS_TOKEN may have changed). ' +
        'Enter the current one.';
    }
    this.saved = false;
    this.needed = true;
  }

  /** Tries a typed token against the server; kept only if the server takes it. */
  async unlock(typed: string): Promise<HealthReport | undefined> {
    const token = typed.trim();
    this.problem = accessTokenProblem(token);
    if (this.problem) return undefined;
    try {
      const report = await fetchHealth({ token });
      saveAccessToken(token);
      this.saved = true;
      this.needed = false;
      return report;
    } catch (error) {
      this.problem = isAccessDenied(error)
        ? 'That is not the server’s access token. Check ACCESS_TOKEN where the server runs (its .env or environment) and try again.'
        : (error as Error).message;
      return undefined;
    }
  }

  /**
   * Follows the token other tabs of this browser keep: one accepted there unlocks this page too
   * (`onunlocked`), one forgotten there is gone here. Returns the way to stop following.
   */
  follow(onunlocked: () => void): () => void {
    const changed = (event: StorageEvent) => {
      // `key` is null when the whole storage was cleared.
      if (event.key !== null && event.key !== ACCESS_TOKEN_KEY) return;
      this.saved = accessToken() !== undefined;
      if (this.saved && this.needed) {
        this.needed = false;
        this.problem = undefined;
        onunlocked();
      }
    };
    window.addEventListener('storage', changed);
    return () => window.removeEventListener('storage', changed);
  }

  forget(): void {
    forgetAccessToken();
    this.saved = false;
    this.problem = undefined;
  }
}
