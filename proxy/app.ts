// The proxy's Hono app: every /api route, built from a config so tests run it in-process.
import { Hono } from 'hono';
import type { ProxyConfig } from './config';
import type { ProxyEnv } from './context';
import { errorBody, renderError } from './errors';
import { accessMiddleware } from './middleware/access';
import { requestLog, type LogSink } from './middleware/request-log';
import { redactor } from './redact';
import { healthRoute } from './routes/health';
import { imageRoute } from './routes/image';
import { promptRoute } from './routes/prompt';
import { transcribeRoute } from './routes/transcribe';

export interface AppOptions {
  /** Where the one-line JSON request logs go (default: stdout). */
  log?: LogSink;
}

export function createApp(config: ProxyConfig, options: AppOptions = {}) {
  const redact = redactor([
    config.groq.key.value,
    config.llm.key.value,
    config.stockimg.key.value,
    config.security.accessToken,
  ]);
  const app = new Hono<ProxyEnv>().basePath('/api');
  app.use(requestLog(options.log ?? ((line) => console.log(line)), redact));
  for (const middleware of accessMiddleware(config.security)) app.use(middleware);
  app.onError((err, c) => renderError(err, c, redact));
  app.notFound((c) =>
    c.json(errorBody('not_found', `No API route for ${c.req.method} ${c.req.path.slice(0, 200)}`, false), 404),
  );
  return app
    .route('/', healthRoute(config))
    .route('/', transcribeRoute(config))
    .route('/', promptRoute(config))
    .route('/', imageRoute(config));
}
