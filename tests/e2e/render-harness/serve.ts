// Serves the built harness (and test inputs) on 127.0.0.1 with the app's own isolation headers.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../proxy/config';
import { createSite } from '../../../proxy/site';

export interface HarnessServer {
  url: string;
  stop: () => Promise<void>;
}

export function serveHarness(dir: string): Promise<HarnessServer> {
  // No keys: the harness never calls the API, and a developer's keys must not leak into a test.
  const site = createSite(loadConfig({}), dir);
  return new Promise((resolve) => {
    const server = serve({ fetch: site.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        stop: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}
