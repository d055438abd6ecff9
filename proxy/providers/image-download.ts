// Fetches the image a generator returned: SSRF-checked, size-capped, and really a PNG, JPEG or WebP.
import { fileTypeFromBuffer } from 'file-type';
import type { ProxyConfig } from '../config';
import type { UpstreamCall } from '../context';
import { ApiError } from '../errors';
import { DownloadError, safeDownload } from '../net/safe-download';

const IMAGE_MAX_BYTES = 20 * 1024 * 1024;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

function failed(message: string, options: { status?: 502 | 504; code?: string; retryable: boolean }): ApiError {
  const { status = 502, code = 'image_download_failed', retryable } = options;
  return new ApiError(status, code, `The generated image could not be fetched: ${message}.`, { retryable });
}

/** A failure the same URL may not repeat: the host was down, slow or overloaded. */
class TransientDownload extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

function downloadFailure(err: unknown, call: UpstreamCall): ApiError {
  if (!(err instanceof DownloadError)) throw err;
  if (err.status) call.record(err.status);
  if (err.reason === 'unsafe') return failed(err.message, { code: 'unsafe_image_url', retryable: false });
  if (err.reason === 'timeout') return failed(err.message, { status: 504, retryable: true });
  return failed(err.message, { retryable: err.reason === 'network' || (err.status ?? 0) >= 500 });
}

function isTransient(err: unknown): boolean {
  return (
    err instanceof DownloadError &&
    (err.reason === 'network' || err.reason === 'timeout' || (err.status ?? 0) >= 500 || err.status === 429)
  );
}

/** Only the configured service's own origin may be plain http (a local mirror or test fake). */
async function downloadOnce(
  config: ProxyConfig,
  url: string,
  call: UpstreamCall,
): Promise<{ bytes: Uint8Array; contentType: string }> {
  let downloaded;
  try {
    downloaded = await safeDownload(
      url,
      {
        trustedOrigin: new URL(config.stockimg.baseURL).origin,
        maxBytes: IMAGE_MAX_BYTES,
        maxRedirects: 5,
        timeoutMs: config.timeoutsMs.download,
        accept: (type) => IMAGE_TYPES.includes(type),
      },
      call.signal,
    );
  } catch (err) {
    const failure = downloadFailure(err, call);
    throw isTransient(err) ? new TransientDownload(failure) : failure;
  }
  call.record(downloaded.status);
  // The declared type is only a claim; the bytes must really be one of the image formats.
  const sniffed = await fileTypeFromBuffer(downloaded.bytes);
  if (!sniffed || !IMAGE_TYPES.includes(sniffed.mime)) {
    throw failed('the file is not a PNG, JPEG or WebP image', { retryable: true });
  }
  return { bytes: downloaded.bytes, contentType: sniffed.mime };
}

const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 4_000;

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * The image is paid for once the service has answered, so a download the host fails for a while
 * (network, timeout, 5xx, 429) is tried again here, with doubling pauses, for up to
 * `timeoutsMs.downloadRetry`; refusals (unsafe URL, not an image, 4xx) fail at once.
 */
export async function downloadImage(
  config: ProxyConfig,
  url: string,
  call: UpstreamCall,
): Promise<{ bytes: Uint8Array; contentType: string }> {
  const giveUpAt = Date.now() + config.timeoutsMs.downloadRetry;
  for (let attempt = 0; ; attempt++) {
    try {
      return await downloadOnce(config, url, call);
    } catch (err) {
      if (!(err instanceof TransientDownload)) throw err;
      const wait = Math.min(FIRST_BACKOFF_MS * 2 ** attempt, MAX_BACKOFF_MS);
      if (call.signal.aborted || Date.now() + wait >= giveUpAt) throw err.error;
      await pause(wait, call.signal);
    }
  }
}
