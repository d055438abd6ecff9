// Asks the proxy which upstream services are configured (it never reveals keys).
import type { HealthReport } from '../../../proxy/app';

export type { HealthReport };

export async function fetchHealth(signal?: AbortSignal): Promise<HealthReport> {
  const response = await fetch('/api/health', { signal });
  if (!response.ok) throw new Error(`The Voiceframe server answered ${response.status} to a health check.`);
  return (await response.json()) as HealthReport;
}

/** One sentence per missing key, telling the user exactly what to set. */
export function missingKeyMessages(report: HealthReport): string[] {
  const steps = [
    ['Transcription', report.providers.transcribe.missingKey],
    ['Image prompts', report.providers.prompt.missingKey],
    ['Images', report.providers.image.missingKey],
  ] as const;
  return steps.flatMap(([step, envVar]) =>
    envVar
      ? [`${step} need ${envVar}: add it to .env next to package.json (or the environment) and restart the server.`]
      : [],
  );
}
