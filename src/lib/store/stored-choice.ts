// A setting chosen once and kept in this browser's local storage, for the forms to offer again. The
// value read back is checked (another version may have stored something else), and storage that is
// blocked or refuses to store costs only the remembering.
import { siteStorage } from './site-storage';

/** The value stored under `key` when `known` accepts it, else `fallback`. */
export function rememberedChoice<T extends string>(key: string, known: (value: unknown) => value is T, fallback: T): T {
  let stored: string | null | undefined;
  try {
    stored = siteStorage()?.getItem(key);
  } catch {
    stored = undefined;
  }
  return known(stored) ? stored : fallback;
}

export function rememberChoice(key: string, value: string): void {
  try {
    siteStorage()?.setItem(key, value);
  } catch {
    // Private modes may refuse: the fallback is offered next time, nothing else is lost.
  }
}
