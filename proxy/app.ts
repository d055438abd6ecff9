// The proxy's Hono app: every /api route, built from a config so tests run it in-process.
import { Hono } from 'hono';
import type { ProxyConfig } from './config';

export interface HealthReport {
  ok: true;
  providers: {
    transcribe: { configured: boolean; model: string; missingKey?: string };
    prompt: { configured: boolean; provider: string; model: string; missingKey?: string };
    image: { configured: boolean; missingKey?: string };
  };
}

function health(config: ProxyConfig): HealthReport {
  const missing = (key: { value: string | undefined; envVar: string }) => (key.value ? {} : { missingKey: key.envVar });
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

export function createApp(config: ProxyConfig) {
  const app = new Hono().basePath('/api');
  const routes = app.get('/health', (c) => c.json(health(config)));
  return routes;
}

export type AppType = ReturnType<typeof createApp>;
