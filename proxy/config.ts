// Reads the proxy's settings from the environment once; the only module that sees key values.

export type LlmProvider = 'groq' | 'openai' | 'gemini';

export interface ProviderKey {
  /** The secret itself; never logged or returned. */
  value: string | undefined;
  /** The environment variable a user sets to provide it (named in "missing key" errors). */
  envVar: string;
}

export interface ProxyConfig {
  groq: { key: ProviderKey; baseURL: string | undefined; sttModel: string };
  llm: { provider: LlmProvider; key: ProviderKey; baseURL: string; model: string };
  stockimg: { key: ProviderKey; baseURL: string };
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

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
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

export function loadConfig(env: Env = process.env): ProxyConfig {
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
      baseURL: nonEmpty(env.LLM_BASE_URL) ?? preset.baseURL,
      model: nonEmpty(env.LLM_MODEL) ?? preset.model,
    },
    stockimg: {
      key: { value: nonEmpty(env.STOCKIMG_API_KEY), envVar: 'STOCKIMG_API_KEY' },
      baseURL: nonEmpty(env.STOCKIMG_BASE_URL) ?? 'https://api.stockimg.ai',
    },
  };
}

/** The environment variables the user still has to set, each named once. */
export function missingKeys(config: ProxyConfig): string[] {
  const keys = [config.groq.key, config.llm.key, config.stockimg.key];
  return [...new Set(keys.filter((key) => !key.value).map((key) => key.envVar))];
}
