// The proxy's Hono app: every /api route, built from a config so tests run it in-process.
import { Hono } from 'hono';
import type { ProxyConfig } from './config';
import type { ProxyDeps, ProxyEnv } from './context';
import { errorBody, renderError } from './errors';
import { Idempotency } from './idempotency';
import { accessMiddleware } from './middleware/access';
import { requestLog, type LogSink } from './middleware/request-log';
import { redactor } from './redact';
import { guideRoute } from './routes/guide';
import { healthRoute } from './routes/health';
import { imageRoute } from './routes/image';
import { promptRoute } from './routes/prompt';
import { transcribeRoute } from './routes/transcribe';
import { openStore, type SharedStore } from './store';

export interface AppOptions {
  /** Where the one-line JSON request logs go (default: stdout). */
  log?: LogSink;
  /** Where counters and remembered answers live (default: Redis at REDIS_URL, else this process). */
  store?: SharedStore;
}

export function createApp(config: ProxyConfig, options: AppOptions = {}) {
  const redact = redactor([
    config.groq.key.value,
    config.llm.key.value,
    config.stockimg.key.value,
    config.security.accessToken,
  ]);
  const store = options.store ?? openStore(config.redisUrl);
  const deps: ProxyDeps = { store, idempotency: new Idempotency(store, config.idempotencyTtlMs) };
  const app = new Hono<ProxyEnv>().basePath('/api');
  app.use(requestLog(options.log ?? ((line) => console.log(line)), redact));
  for (const middleware of accessMiddleware(config.security, store)) app.use(middleware);
  app.onError((err, c) => renderError(err, c, redact));
  app.notFound((c) =>
    c.json(errorBody('not_found', `No API route for ${c.req.method} ${c.req.path.slice(0, 200)}`, false), 404),
  );
  return app
    .route('/', healthRoute(config))
    .route('/', transcribeRoute(config, deps))
    .route('/', promptRoute(config, deps))
    .route('/', guideRoute(config, deps))
    .route('/', imageRoute(config, deps));
}
