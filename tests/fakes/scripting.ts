// Test equipment: what a test tells the fake upstreams to do next, and what they have seen.

export type FakeRoute = 'transcribe' | 'chat' | 'image' | 'download';

export type Failure =
  /** 429 with `retry-after` (seconds) and the vendor's rate-limit body. */
  | { kind: 'rate-limit'; retryAfter?: number }
  /** A 5xx (default 500) with the vendor's error body. */
  | { kind: 'server-error'; status?: number }
  /** 401, as for a wrong key. */
  | { kind: 'unauthorized' }
  /** Groq's 413 request_too_large. */
  | { kind: 'too-large' }
  /** Waits `ms`, then answers normally (or not at all if the client gave up). */
  | { kind: 'slow'; ms: number }
  /** 200 with a body that is not JSON. */
  | { kind: 'malformed' }
  /** 200 with JSON missing the fields the proxy needs. */
  | { kind: 'wrong-shape' }
  /** stockimg: the image is blocked, `has_nsfw_concepts: [true]`. */
  | { kind: 'nsfw' }
  /** stockimg: the image is served cut off at half its bytes: a PNG by its header that no decoder can read. */
  | { kind: 'damaged-image' }
  /** stockimg: the answer points at this URL instead of the fake's own download. */
  | { kind: 'image-url'; url: string }
  /** Any status with a raw body (plain text, as stockimg sends). */
  | { kind: 'status'; status: number; body?: string };

interface Rule {
  failure: Failure;
  /** Remaining uses; Infinity for a permanent rule. */
  left: number;
  /** When set, only requests whose text contains it. */
  match?: string;
}

export class FakeScript {
  private rules: Record<FakeRoute, Rule[]> = { transcribe: [], chat: [], image: [], download: [] };
  private seen: Record<FakeRoute, unknown[]> = { transcribe: [], chat: [], image: [], download: [] };

  failNext(route: FakeRoute, times: number, failure: Failure): void {
    this.rules[route].push({ failure, left: times });
  }

  /** Every request to `route` whose text (prompt, scene text) contains `substring` fails this way. */
  failWhen(route: FakeRoute, substring: string, failure: Failure): void {
    this.rules[route].push({ failure, left: Infinity, match: substring });
  }

  /** Records the request and returns the failure to act out, if any rule applies. */
  take(route: FakeRoute, text: string, received: unknown): Failure | undefined {
    this.seen[route].push(received);
    const rule = this.rules[route].find((r) => r.left > 0 && (r.match === undefined || text.includes(r.match)));
    if (!rule) return undefined;
    rule.left -= 1;
    return rule.failure;
  }

  counts(): Record<FakeRoute, number> {
    return {
      transcribe: this.seen.transcribe.length,
      chat: this.seen.chat.length,
      image: this.seen.image.length,
      download: this.seen.download.length,
    };
  }

  /** What each request carried (JSON bodies; form fields with the file described, not copied). */
  received(route: FakeRoute): unknown[] {
    return [...this.seen[route]];
  }

  reset(): void {
    for (const route of Object.keys(this.rules) as FakeRoute[]) {
      this.rules[route] = [];
      this.seen[route] = [];
    }
  }
}

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
