// The routes' side of idempotency: read the key, scope it to the caller, run the paid call at most once.
import type { Context } from 'hono';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_STATUS_HEADER } from '../../src/lib/pipeline/api-contract';
import type { ProxyConfig, RouteName } from '../config';
import { upstreamCall, type ProxyDeps, type ProxyEnv, type UpstreamCall } from '../context';
import { sha256, slotFor } from '../idempotency';
import { clientOf } from '../middleware/client-address';

/**
 * Whose results a key may reach: the credentials the caller sent (the access token, or whatever an
 * authenticating proxy in front put in Authorization), else its address. Hashed, never stored raw.
 */
function identityOf(c: Context<ProxyEnv>, config: ProxyConfig): string {
  const credentials = c.req.header('authorization');
  return credentials ? `auth:${sha256(credentials)}` : `addr:${clientOf(c, config.security.trustProxy)}`;
}

/**
 * Runs `work` once per idempotency key and request content; without a key, every request runs it.
 * `content` is what makes two requests the same (the validated body, or the uploaded bytes).
 */
export async function paidOnce<T>(
  c: Context<ProxyEnv>,
  config: ProxyConfig,
  deps: ProxyDeps,
  route: RouteName,
  content: (string | Uint8Array)[],
  work: (call: UpstreamCall) => Promise<T>,
): Promise<T> {
  const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
  if (key === undefined) return work(upstreamCall(c));
  const slot = slotFor(identityOf(c, config), route, key, content);
  const { value, outcome } = await deps.idempotency.once(
    slot,
    () => work(upstreamCall(c, true)),
    config.timeoutsMs[route] * 2 + 5_000,
  );
  c.header(IDEMPOTENCY_STATUS_HEADER, outcome);
  return value;
}
