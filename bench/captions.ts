// Benchmark helper: the bench's plans with word-by-word captions of its narration burned in.
import { clipCaptions } from '../src/lib/pipeline/captions/scene';
import { captionTrack } from '../src/lib/pipeline/captions/track';
import type { RenderPlan } from '../src/lib/pipeline/kenburns';
import type { Word } from '../src/lib/pipeline/transcript';

/** The narration's words spread evenly over `seconds` of speech (a stand-in for Whisper's timestamps). */
export function evenlySpoken(text: string, seconds: number): Word[] {
  const words = text.split(/\s+/).filter(Boolean);
  const each = seconds / words.length;
  return words.map((word, i) => ({ word, start: i * each, end: (i + 0.9) * each }));
}

/** Each plan with its clip's captions (clips follow each other from frame 0). */
export function captionedPlans(plans: RenderPlan[], words: Word[]): RenderPlan[] {
  const first = plans[0];
  if (!first) return [];
  const track = captionTrack(words, 'word', { width: first.width, height: first.height }, first.fps);
  let start = 0;
  return plans.map((plan) => {
    const captions = clipCaptions(track, start, start + plan.frames);
    start += plan.frames;
    return { ...plan, captions };
  });
}
