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

function downloadFailure(err: unknown, call: UpstreamCall): ApiError {
  if (!(err instanceof DownloadError)) throw err;
  if (err.status) call.record(err.status);
  if (err.reason === 'unsafe') return failed(err.message, { code: 'unsafe_image_url', retryable: false });
  if (err.reason === 'timeout') return failed(err.message, { status: 504, retryable: true });
  return failed(err.message, { retryable: err.reason === 'network' || (err.status ?? 0) >= 500 });
}

/** Only the configured service's own origin may be plain http (a local mirror or test fake). */
export async function downloadImage(
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
    throw downloadFailure(err, call);
  }
  call.record(downloaded.status);
  // The declared type is only a claim; the bytes must really be one of the image formats.
  const sniffed = await fileTypeFromBuffer(downloaded.bytes);
  if (!sniffed || !IMAGE_TYPES.includes(sniffed.mime)) {
    throw failed('the file is not a PNG, JPEG or WebP image', { retryable: true });
  }
  return { bytes: downloaded.bytes, contentType: sniffed.mime };
}
