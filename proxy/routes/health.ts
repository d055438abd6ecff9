// GET /api/health: which providers are configured and with which models; never the keys.
import { Hono } from 'hono';
import type { HealthReport } from '../../src/lib/pipeline/api-contract';
import type { ProviderKey, ProxyConfig } from '../config';
import type { ProxyEnv } from '../context';

function health(config: ProxyConfig): HealthReport {
  const missing = (key: ProviderKey) => (key.value ? {} : { missingKey: key.envVar });
  return {
    ok: true,
    providers: {
      transcribe: { configured: !!config.groq.key.value, model: config.groq.sttModel, ...missing(config.groq.key) },
      prompt: {
        configured: !!config.llm.key.value,
        provider: config.llm.provider,
        model: config.llm.model,
        ...missing(config.llm.key),
      },
      image: { configured: !!config.stockimg.key.value, ...missing(config.stockimg.key) },
    },
  };
}

export function healthRoute(config: ProxyConfig) {
  return new Hono<ProxyEnv>().get('/health', (c) => c.json(health(config)));
}
