// Node entry: `npm start` builds the client, then runs this to serve the app and the API on one port.
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig, missingKeys } from './config';
import { createSite } from './site';

const DEFAULT_PORT = 3000;
const root = fileURLToPath(new URL('..', import.meta.url));
const staticDir = `${root}build`;

// Keys may live in a .env file beside package.json; real environment variables win.
if (existsSync(`${root}.env`)) process.loadEnvFile(`${root}.env`);

const port = process.env.PORT === undefined ? DEFAULT_PORT : Number(process.env.PORT);
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  console.error(`Voiceframe cannot start: ${(err as Error).message}. Fix it in .env or the environment.`);
  process.exit(1);
}
if (!existsSync(`${staticDir}/index.html`)) {
  console.error('No built client in build/. Run `npm start` (it builds first) or `npm run build`.');
  process.exit(1);
}
const hostname = config.security.listenHost;
const server = serve({ fetch: createSite(config, staticDir).fetch, port, hostname }, (info) => {
  const shownHost = hostname === '127.0.0.1' || hostname === '0.0.0.0' ? 'localhost' : hostname;
  console.log(`Voiceframe is running at http://${shownHost}:${info.port}`);
  for (const envVar of missingKeys(config)) {
    console.log(`  ${envVar} is not set: add it to .env (see README, Configuration) and restart.`);
  }
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
