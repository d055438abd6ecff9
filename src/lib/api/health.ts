// Asks the proxy which upstream services are configured (it never reveals keys).
import type { HealthReport } from '../pipeline/api-contract';
import { request, type RequestOptions } from './client';

/** Asked once, without retries: the page says at once when the server is down or wants its token. */
export async function fetchHealth(
  options: Pick<RequestOptions, 'signal' | 'token' | 'base'> = {},
): Promise<HealthReport> {
  const once = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 };
  const response = await request('/api/health', { method: 'GET' }, { ...options, retry: once });
  return (await response.json()) as HealthReport;
}

/** One sentence per missing key (a key several steps share is named once), saying exactly what to set. */
export function missingKeyMessages(report: HealthReport): string[] {
  const steps = [
    ['transcription', report.providers.transcribe.missingKey],
    ['image prompts', report.providers.prompt.missingKey],
    ['images', report.providers.image.missingKey],
  ] as const;
  const needs = new Map<string, string[]>();
  for (const [step, envVar] of steps) if (envVar) needs.set(envVar, [...(needs.get(envVar) ?? []), step]);
  return [...needs].map(([envVar, uses]) => {
    const list = uses.length > 1 ? `${uses.slice(0, -1).join(', ')} and ${uses.at(-1)}` : uses[0];
    return `${envVar} (for ${list}) is not set: add it to .env next to package.json, or to the environment, and restart the server.`;
  });
}
