// stockimg.ai text-to-image over fetch; the proxy then downloads the image itself (image-download.ts).
import { z } from 'zod';
import type { ImageRequest } from '../../src/lib/pipeline/api-contract';
import type { ProxyConfig } from '../config';
import type { UpstreamCall } from '../context';
import { ApiError, missingKey } from '../errors';
import { isMultipleOf16, smallerSizeMultipleOf16 } from '../image-size';
import { downloadImage } from './image-download';
import { badUpstreamBody, clientGone, fromUpstreamStatus, upstreamTimeout, type Vendor } from './upstream-error';

const Generation = z.object({
  data: z.object({
    images: z
      .array(
        z.object({ url: z.string(), width: z.number().int().positive().optional(), height: z.number().optional() }),
      )
      .min(1, 'no image in data.images'),
    has_nsfw_concepts: z.array(z.boolean()).nullish(),
  }),
});

/** The service's answer: the paid part. Downloading `url` again costs nothing. */
export interface Generated {
  url: string;
  width: number;
  height: number;
}

export interface GeneratedImage {
  bytes: Uint8Array;
  contentType: string;
  width: number;
  height: number;
}

/** The service's allowed sizes are undocumented; a refusal that talks about size gets one retry. */
function isSizeRefusal(status: number, text: string): boolean {
  return (status === 400 || status === 422) && /size|width|height|dimension|multiple/i.test(text);
}

const isFlux = (request: ImageRequest) => request.model === 'flux-dev' || request.model === 'flux-pro';

/** The path that draws `request`: Flux dev or pro, else the style's stock-image endpoint. */
export function endpointOf(request: ImageRequest): string {
  if (request.model === 'flux-dev') return '/v1/text-to-image/flux/dev';
  if (request.model === 'flux-pro') return '/v1/text-to-image/flux/pro';
  return `/v1/text-to-image/stock-image/${request.style ?? 'stockimg'}`;
}

async function post(
  config: ProxyConfig,
  request: ImageRequest,
  size: { width: number; height: number },
  signal: AbortSignal,
) {
  const url = `${config.stockimg.baseURL.replace(/\/+$/, '')}${endpointOf(request)}`;
  // Flux takes the same body, plus an optional seed.
  const seed = request.seed !== undefined && isFlux(request) ? { seed: request.seed } : {};
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${config.stockimg.key.value}`, 'content-type': 'application/json' },
    body: JSON.stringify({ prompt: request.prompt, image_size: size, safety_checker: true, ...seed }),
    signal,
    redirect: 'error',
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function generate(config: ProxyConfig, request: ImageRequest, call: UpstreamCall, vendor: Vendor) {
  const signal = AbortSignal.any([call.signal, AbortSignal.timeout(config.timeoutsMs.image)]);
  // Flux draws on 16-pixel blocks: it is asked for a multiple-of-16 size from the start (the render covers the frame).
  let size = isFlux(request)
    ? smallerSizeMultipleOf16(request.width, request.height)
    : { width: request.width, height: request.height };
  try {
    let answer = await post(config, request, size, signal);
    call.record(answer.status);
    if (isSizeRefusal(answer.status, answer.text) && !isMultipleOf16(size.width, size.height)) {
      size = smallerSizeMultipleOf16(size.width, size.height);
      answer = await post(config, request, size, signal);
      call.record(answer.status);
    }
    return { ...answer, size };
  } catch (err) {
    if (call.signal.aborted) throw clientGone();
    if (signal.aborted) throw upstreamTimeout(vendor);
    throw new ApiError(502, 'upstream_unreachable', 'stockimg.ai could not be reached; try again.', {
      retryable: true,
      cause: err,
    });
  }
}

/** Asks stockimg.ai for one image (this is what costs credits) and returns where to fetch it. */
export async function generateImage(
  config: ProxyConfig,
  request: ImageRequest,
  call: UpstreamCall,
): Promise<Generated> {
  const { key } = config.stockimg;
  if (!key.value) throw missingKey(key.envVar, 'Image generation');
  const vendor: Vendor = { name: 'stockimg.ai', keyVar: key.envVar, timeoutMs: config.timeoutsMs.image };

  const answer = await generate(config, request, call, vendor);
  if (answer.status < 200 || answer.status > 299) {
    throw fromUpstreamStatus(vendor, answer.status, {
      message: answer.text,
      retryAfter: answer.headers.get('retry-after'),
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch (err) {
    throw badUpstreamBody(vendor, 'it is not valid JSON', err);
  }
  const parsed = Generation.safeParse(body);
  if (!parsed.success) throw badUpstreamBody(vendor, z.prettifyError(parsed.error).replace(/\s+/g, ' '));
  const { images, has_nsfw_concepts } = parsed.data.data;
  if (has_nsfw_concepts?.[0] === true) {
    throw new ApiError(
      422,
      'image_blocked',
      "stockimg.ai's safety filter blocked the image for this prompt; change the prompt.",
    );
  }
  const image = images[0]!;
  return { url: image.url, width: image.width ?? answer.size.width, height: image.height ?? answer.size.height };
}

/** Fetches a generated image, retrying a failed download on its own: it never asks for a new image. */
export async function fetchGenerated(
  config: ProxyConfig,
  generated: Generated,
  call: UpstreamCall,
): Promise<GeneratedImage> {
  const downloaded = await downloadImage(config, generated.url, call);
  return { ...downloaded, width: generated.width, height: generated.height };
}
