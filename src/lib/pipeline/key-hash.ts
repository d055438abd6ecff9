// The hash in every cache key: ohash's, with the digests of recently hashed values remembered.
// The page checks each scene's keys again whenever the project changes (every piece a run makes), so
// the same few hundred values are hashed over and over; serializing them is cheap, SHA-256 is not.
import { digest, serialize } from 'ohash';

/** Enough for every key of an hour's scenes (prompt, image, clip: ~1 700) between two changes. */
const REMEMBERED = 4096;
const digests = new Map<string, string>();

/** Exactly ohash's `hash(value)`. */
export function hash(value: unknown): string {
  const text = serialize(value);
  const known = digests.get(text);
  if (known !== undefined) return known;
  const made = digest(text);
  // The oldest first out: a Map iterates in insertion order.
  if (digests.size >= REMEMBERED) digests.delete(digests.keys().next().value as string);
  digests.set(text, made);
  return made;
}
