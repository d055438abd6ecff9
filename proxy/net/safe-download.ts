// Downloads a URL an upstream handed us, checking every redirect hop and capping the size while streaming.
import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkUrl, guardedLookup, UnsafeUrlError } from './address-policy';

export interface DownloadPolicy {
  /** The configured upstream's own origin: the only place plain http (and a local address) is allowed. */
  trustedOrigin?: string;
  maxBytes: number;
  maxRedirects: number;
  timeoutMs: number;
  /** Content types accepted (matched on the media type, without parameters). */
  accept: (contentType: string) => boolean;
  /** Tests swap the resolver; production uses the system's. */
  lookup?: LookupFunction;
}

export interface Downloaded {
  bytes: Uint8Array;
  contentType: string;
  status: number;
}

export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    message: string,
    readonly reason: 'unsafe' | 'status' | 'type' | 'too_large' | 'timeout' | 'network',
    readonly status?: number,
  ) {
    super(message);
  }
}

function get(url: URL, trusted: boolean, policy: DownloadPolicy, signal: AbortSignal): Promise<IncomingMessage> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const lookup = trusted ? undefined : (policy.lookup ?? guardedLookup());
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'GET', agent: false, lookup, signal, headers: { accept: 'image/*' } }, resolve);
    req.on('error', (err) => {
      if (err instanceof UnsafeUrlError)
        reject(new DownloadError(`the image URL is not allowed: ${err.message}`, 'unsafe'));
      else if (signal.aborted) reject(new DownloadError('the download timed out', 'timeout'));
      else reject(new DownloadError(`the download failed (${err.message})`, 'network'));
    });
    req.end();
  });
}

async function readCapped(res: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers['content-length']);
  if (declared > maxBytes) {
    res.destroy();
    throw new DownloadError(`the image is larger than ${maxBytes} bytes`, 'too_large');
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      res.destroy();
      throw new DownloadError(`the image is larger than ${maxBytes} bytes`, 'too_large');
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Follows redirects by hand so that each hop passes the same URL and address checks as the first. */
export async function safeDownload(start: string, policy: DownloadPolicy, signal: AbortSignal): Promise<Downloaded> {
  const deadline = AbortSignal.any([signal, AbortSignal.timeout(policy.timeoutMs)]);
  let current = start;
  for (let hop = 0; hop <= policy.maxRedirects; hop++) {
    let checked: ReturnType<typeof checkUrl>;
    try {
      checked = checkUrl(current, policy.trustedOrigin);
    } catch (err) {
      throw new DownloadError(`the image URL is not allowed: ${(err as Error).message}`, 'unsafe');
    }
    const res = await get(checked.url, checked.trusted, policy, deadline);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      current = new URL(res.headers.location, checked.url).href;
      continue;
    }
    if (status !== 200) {
      res.resume();
      throw new DownloadError(`the image server answered ${status}`, 'status', status);
    }
    const contentType = (res.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!policy.accept(contentType)) {
      res.destroy();
      throw new DownloadError(`the URL served "${contentType || 'no content type'}", not an image`, 'type', status);
    }
    try {
      return { bytes: await readCapped(res, policy.maxBytes), contentType, status };
    } catch (err) {
      if (err instanceof DownloadError) throw err;
      if (deadline.aborted) throw new DownloadError('the download timed out', 'timeout');
      throw new DownloadError('the download broke off', 'network');
    }
  }
  throw new DownloadError(`the image URL redirected more than ${policy.maxRedirects} times`, 'unsafe');
}
