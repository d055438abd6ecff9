// Reads the proxy's settings from the environment once; the only module that sees key values.

export type LlmProvider = 'groq' | 'openai' | 'gemini';

export interface ProviderKey {
  /** The secret itself; never logged or returned. */
  value: string | undefined;
  /** The environment variable a user sets to provide it (named in "missing key" errors). */
  envVar: string;
}

export type RouteName = 'transcribe' | 'prompt' | 'image';

export interface ProxyConfig {
  groq: { key: ProviderKey; baseURL: string | undefined; sttModel: string };
  llm: { provider: LlmProvider; key: ProviderKey; baseURL: string; model: string };
  stockimg: { key: ProviderKey; baseURL: string };
  security: {
    /** When set, every /api call must carry `Authorization: Bearer <token>`. */
    accessToken: string | undefined;
    /** Origins besides the app's own that browsers may call the API from. */
    allowedOrigins: string[];
    /** Take the client address from X-Forwarded-For (only behind a reverse proxy that sets it). */
    trustProxy: boolean;
    /** Requests per minute per client address and route; 0 turns the limit off. */
    rateLimitPerMinute: Record<RouteName, number>;
    /** Wrong or missing access tokens a client may send per minute before it must wait. */
    authFailuresPerMinute: number;
    /** The address the server listens on (HOST). */
    listenHost: string;
    /** `Host` values besides loopback and the listening address that requests may carry (DNS rebinding guard). */
    allowedHosts: string[];
    /** The owner put their own authentication in front, so listening beyond loopback without a token is fine. */
    authInFront: boolean;
    /** Transcription uploads held in memory at once, server-wide. */
    maxConcurrentUploads: number;
  };
  /** Redis (or Valkey) shared by every replica for rate limits and remembered answers; none = this process. */
  redisUrl: string | undefined;
  /** How long an answer stays remembered under its idempotency key. */
  idempotencyTtlMs: number;
  /** How long each upstream call may take before the client gets a 504. */
  timeoutsMs: Record<RouteName, number> & {
    download: number;
    /** How long a generated image's download is retried (with backoff) before the request fails. */
    downloadRetry: number;
  };
}

type Env = Record<string, string | undefined>;

const LLM_PRESETS: Record<LlmProvider, { baseURL: string; model: string; keyVar: string }> = {
  groq: { baseURL: 'https://api.groq.com/openai/v1', model: 'openai/gpt-oss-20b', keyVar: 'GROQ_API_KEY' },
  openai: { baseURL: 'https://api.openai.com/v1', model: 'gpt-4.1-mini', keyVar: 'OPENAI_API_KEY' },
  gemini: {
    baseURL: 'https://generativelanguage.googleapis.com/v1beta/openai/',
    model: 'gemini-3.5-flash-lite',
    keyVar: 'GEMINI_API_KEY',
  },
};

export const DEFAULT_STT_MODEL = 'whisper-large-v3-turbo';

/** Generous for one person making a video (a one-hour talk is ~600 scenes), tight for a stranger's script. */
const DEFAULT_RATE_LIMITS: Record<RouteName, number> = { transcribe: 20, prompt: 120, image: 60 };

/** Whisper on 25 MB takes tens of seconds; stockimg can take tens of seconds per image (contract: ~90 s). */
const DEFAULT_TIMEOUTS_MS: ProxyConfig['timeoutsMs'] = {
  transcribe: 180_000,
  prompt: 60_000,
  image: 90_000,
  download: 30_000,
  downloadRetry: 60_000,
};

const DEFAULT_AUTH_FAILURES_PER_MINUTE = 10;
const DEFAULT_MAX_CONCURRENT_UPLOADS = 4;
/** A day: long enough for a reload, a second tab or a retry the next morning to cost nothing. */
const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 86_400;

/** RFC 6750's token characters, so any Authorization header a browser can send carries it intact. */
const TOKEN_CHARS = /^[A-Za-z0-9._~+/-]+=*$/;
const MIN_TOKEN_LENGTH = 16;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function count(env: Env, name: string, fallback: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number >= 0 (got "${raw}")`);
  return value;
}

function flag(env: Env, name: string): boolean {
  return /^(1|true|yes|on)$/i.test(nonEmpty(env[name]) ?? '');
}

function origins(env: Env): string[] {
  const list = (nonEmpty(env.ALLOWED_ORIGINS) ?? '').split(',').map((item) => item.trim());
  return list.filter(Boolean).map((item) => {
    if (!URL.canParse(item))
      throw new Error(`ALLOWED_ORIGINS must list origins like https://example.com (got "${item}")`);
    return new URL(item).origin;
  });
}

/** Without LLM_PROVIDER, use whichever provider has a key, preferring Groq (one key runs both steps). */
function pickLlmProvider(env: Env): LlmProvider {
  const named = nonEmpty(env.LLM_PROVIDER)?.toLowerCase();
  if (named === 'groq' || named === 'openai' || named === 'gemini') return named;
  if (named) throw new Error(`LLM_PROVIDER must be groq, openai or gemini (got "${named}")`);
  if (nonEmpty(env.GROQ_API_KEY)) return 'groq';
  if (nonEmpty(env.OPENAI_API_KEY)) return 'openai';
  if (nonEmpty(env.GEMINI_API_KEY)) return 'gemini';
  return 'groq';
}

function accessToken(env: Env): string | undefined {
  const token = nonEmpty(env.ACCESS_TOKEN);
  if (token === undefined) return undefined;
  if (!TOKEN_CHARS.test(token))
    throw new Error('ACCESS_TOKEN may hold only letters, digits and . _ ~ + / - (then = padding)');
  if (token.length < MIN_TOKEN_LENGTH)
    throw new Error(`ACCESS_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters (got ${token.length})`);
  return token;
}

function publicUrlHost(env: Env): string[] {
  const raw = nonEmpty(env.PUBLIC_URL);
  if (raw === undefined) return [];
  if (!URL.canParse(raw)) throw new Error(`PUBLIC_URL must be a URL like https://voiceframe.example (got "${raw}")`);
  return [new URL(raw).host];
}

/** localhost, *.localhost, 127.0.0.0/8, ::1 and their IPv4-mapped forms never leave this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  return /^(::ffff:)?127(\.\d{1,3}){3}$/.test(host);
}

/** A server reachable from other machines without a token would spend its owner's keys for anyone. */
function checkExposure(listenHost: string, token: string | undefined, authInFront: boolean): void {
  if (token || authInFront || isLoopbackHost(listenHost)) return;
  throw new Error(
    `HOST=${listenHost} lets other machines reach the server, and without ACCESS_TOKEN anyone could spend ` +
      `your keys. Set ACCESS_TOKEN (at least ${MIN_TOKEN_LENGTH} characters), or AUTH_IN_FRONT=1 if your own ` +
      'authentication sits in front of it',
  );
}

export function loadConfig(env: Env = process.env): ProxyConfig {
  const token = accessToken(env);
  const listenHost = nonEmpty(env.HOST) ?? '127.0.0.1';
  const authInFront = flag(env, 'AUTH_IN_FRONT');
  checkExposure(listenHost, token, authInFront);
  const allowedOrigins = origins(env);
  const provider = pickLlmProvider(env);
  const preset = LLM_PRESETS[provider];
  const llmKeyVar = nonEmpty(env.LLM_API_KEY) ? 'LLM_API_KEY' : preset.keyVar;
  return {
    groq: {
      key: { value: nonEmpty(env.GROQ_API_KEY), envVar: 'GROQ_API_KEY' },
      baseURL: nonEmpty(env.GROQ_BASE_URL),
      sttModel: nonEmpty(env.GROQ_STT_MODEL) ?? DEFAULT_STT_MODEL,
    },
    llm: {
      provider,
      key: { value: nonEmpty(env[llmKeyVar]), envVar: llmKeyVar },
      baseURL: nonEmpty(env.LLM_BASE_URL) ?? groqChatBase(provider, env) ?? preset.baseURL,
      model: nonEmpty(env.LLM_MODEL) ?? preset.model,
    },
    stockimg: {
      key: { value: nonEmpty(env.STOCKIMG_API_KEY), envVar: 'STOCKIMG_API_KEY' },
      baseURL: nonEmpty(env.STOCKIMG_BASE_URL) ?? 'https://api.stockimg.ai',
    },
    security: {
      accessToken: token,
      allowedOrigins,
      trustProxy: flag(env, 'TRUST_PROXY'),
      rateLimitPerMinute: {
        transcribe: count(env, 'RATE_LIMIT_TRANSCRIBE', DEFAULT_RATE_LIMITS.transcribe),
        prompt: count(env, 'RATE_LIMIT_PROMPT', DEFAULT_RATE_LIMITS.prompt),
        image: count(env, 'RATE_LIMIT_IMAGE', DEFAULT_RATE_LIMITS.image),
      },
      authFailuresPerMinute: count(env, 'AUTH_FAILURES_PER_MINUTE', DEFAULT_AUTH_FAILURES_PER_MINUTE),
      listenHost,
      allowedHosts: [...allowedOrigins.map((origin) => new URL(origin).host), ...publicUrlHost(env)],
      authInFront,
      maxConcurrentUploads: count(env, 'MAX_CONCURRENT_UPLOADS', DEFAULT_MAX_CONCURRENT_UPLOADS),
    },
    redisUrl: nonEmpty(env.REDIS_URL),
    idempotencyTtlMs: count(env, 'IDEMPOTENCY_TTL_SECONDS', DEFAULT_IDEMPOTENCY_TTL_SECONDS) * 1000,
    timeoutsMs: { ...DEFAULT_TIMEOUTS_MS },
  };
}

/** Groq serves chat under the same host as transcription, so GROQ_BASE_URL moves both. */
function groqChatBase(provider: LlmProvider, env: Env): string | undefined {
  const groqBase = nonEmpty(env.GROQ_BASE_URL);
  return provider === 'groq' && groqBase ? `${groqBase.replace(/\/+$/, '')}/openai/v1` : undefined;
}

/** The environment variables the user still has to set, each named once. */
export function missingKeys(config: ProxyConfig): string[] {
  const keys = [config.groq.key, config.llm.key, config.stockimg.key];
  return [...new Set(keys.filter((key) => !key.value).map((key) => key.envVar))];
}
