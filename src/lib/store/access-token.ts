// The server's access token (its ACCESS_TOKEN), kept in this browser so it is typed once per device.
import { KEY_VERSION } from './db';
import { siteStorage } from './site-storage';

/** Where the token is kept in local storage (other tabs watch it through `storage` events). */
export const ACCESS_TOKEN_KEY = `voiceframe:${KEY_VERSION}:access-token`;

// Used where there is no localStorage (unit tests in Node) or it refuses to store (some private modes).
let memory: string | undefined;

/** Read at every request, so a token saved or forgotten in another tab counts at once. */
export function accessToken(): string | undefined {
  const stored = siteStorage()?.getItem(ACCESS_TOKEN_KEY) ?? memory;
  return stored || undefined;
}

export function saveAccessToken(token: string): void {
  memory = token;
  try {
    siteStorage()?.setItem(ACCESS_TOKEN_KEY, token);
  } catch {
    // Kept for this visit only; the form asks again next time.
  }
}

export function forgetAccessToken(): void {
  memory = undefined;
  siteStorage()?.removeItem(ACCESS_TOKEN_KEY);
}

/**
 * What is wrong with a typed token, or undefined. The server compares it as an HTTP bearer token,
 * which only holds these characters, so anything else could never match and is said at once.
 */
export function accessTokenProblem(token: string): string | undefined {
  if (!token) return 'Enter the access token.';
  if (!/^[A-Za-z0-9._~+/-]+=*$/.test(token)) {
    return 'An access token holds only letters, digits and the signs - . _ ~ + / = (no spaces).';
  }
  return undefined;
}
