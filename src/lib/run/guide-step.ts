// Writes the project's visual guide once its scenes exist: the transcript read in pieces, each
// request extending the guide so far, each a paid call named by its content (never bought twice).
import { writeGuide } from '../api/client';
import { DEFAULT_STYLE } from '../pipeline/image-styles';
import { requestKey } from '../pipeline/request-key';
import { guideRequests, narrationOf } from '../pipeline/visual-guide';
import type { RunContext } from './context';

export async function writeProjectGuide(ctx: RunContext): Promise<void> {
  const project = ctx.project();
  const narration = narrationOf(project.scenes ?? []);
  let guide = '';
  let model: string | undefined;
  const requests = guideRequests(narration, project.style ?? DEFAULT_STYLE);
  for (const [i, piece] of requests.entries()) {
    const input = guide ? { ...piece, previous: guide } : piece;
    const answer = await writeGuide(input, {
      ...ctx.api,
      signal: ctx.signal,
      idempotencyKey: requestKey({ projectId: project.id, kind: 'guide', content: input }),
      onRetry: (error, ms) => ctx.notice('scenes', `${error.message} Trying again in ${Math.ceil(ms / 1000)} s.`),
    });
    ctx.progress('scenes', i + 1, requests.length);
    guide = answer.guide;
    model = answer.model;
  }
  ctx.notice('scenes', undefined);
  await ctx.update((p) => ({ ...p, guide: { text: guide, revision: 1, ...(model ? { model } : {}) } }));
}
