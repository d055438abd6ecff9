// The idempotency key of a paid call (transcription, guide, prompt, image): the same request for the same
// project and scene always gets the same key, in any tab and after any reload, so the proxy answers a
// repeat from its memory instead of paying the service again; other content gets another key.
import { hash } from './key-hash';

/** The proxy's paid routes. */
export type PaidCall = 'transcribe' | 'prompt' | 'image' | 'guide';

export interface RequestKeyInput {
  projectId: string;
  kind: PaidCall;
  /** The scene the call is for; absent for the project's transcription. */
  scene?: number;
  /** What is sent (or, for an upload, what identifies it): a new content is a new call. */
  content: unknown;
}

/** `vf-<kind>-<hash>`: visible ASCII, well inside the proxy's 200 characters. */
export function requestKey({ projectId, kind, scene, content }: RequestKeyInput): string {
  return `vf-${kind}-${hash({ v: 1, projectId, kind, scene, content })}`;
}
