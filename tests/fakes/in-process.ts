// Test equipment: the proxy app built in-process against the fakes, with its log lines captured.
import { createApp } from '../../proxy/app';
import { loadConfig, type ProxyConfig } from '../../proxy/config';
import type { ErrorBody } from '../../src/lib/pipeline/api-contract';
import { openStore, type SharedStore } from '../../proxy/store';
import type { FakeUpstreams } from './index';

export interface ProxyUnderTest {
  app: ReturnType<typeof createApp>;
  config: ProxyConfig;
  /** Every request log line written so far. */
  logs: string[];
  /** Its counters and remembered answers (Redis with REDIS_URL: close it when done). */
  store: SharedStore;
}

/** `env` adds to (or, with '', removes) the fakes' variables; `tune` adjusts the config, e.g. timeouts. */
export function proxyFor(
  fakes: FakeUpstreams,
  env: Record<string, string> = {},
  tune: (config: ProxyConfig) => void = () => undefined,
): ProxyUnderTest {
  const config = loadConfig({ ...fakes.env, ...env });
  tune(config);
  const logs: string[] = [];
  const store = openStore(config.redisUrl);
  return { app: createApp(config, { log: (line) => logs.push(line), store }), config, logs, store };
}

/** The `error` object of a failed API answer. */
export async function errorOf(response: Response): Promise<ErrorBody['error']> {
  return ((await response.json()) as ErrorBody).error;
}
