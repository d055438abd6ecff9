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

type Fields = Readonly<Record<string, unknown>>;

/**
 * The same fields with the same values, compared with `===`: an object counts as the same only when it
 * is the same object (the project's values are never changed in place; an equal copy is hashed again).
 */
function sameFields(a: Fields, b: Fields): boolean {
  let count = 0;
  for (const name in a) {
    if (a[name] !== b[name]) return false;
    count++;
  }
  for (const _ in b) count--;
  return count === 0;
}

/**
 * `hash(fields)`, remembered with what it is the key of (a scene): while that owner's fields are the
 * same, nothing is serialized again. The page checks every scene's keys at every change of the
 * project, and most scenes are unchanged: serializing their keys' fields was most of its garbage.
 */
export function hashPerOwner(): (owner: object, fields: Fields) => string {
  const known = new WeakMap<object, { fields: Fields; digest: string }>();
  return (owner, fields) => {
    const last = known.get(owner);
    if (last && sameFields(last.fields, fields)) return last.digest;
    const made = hash(fields);
    known.set(owner, { fields, digest: made });
    return made;
  };
}
