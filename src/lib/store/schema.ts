// Validation of everything read back from IndexedDB: stored data outlives the code that wrote it.
import { z } from 'zod';
import { FORMAT_IDS } from '../pipeline/formats';
import { MOTION_KINDS } from '../pipeline/kenburns';
import { IMAGE_MODELS, IMAGE_STYLES } from '../pipeline/api-contract';
import { CAPTION_STYLE_IDS } from '../pipeline/captions/styles';
import { PROJECT_VERSION, SCENE_STEPS, type Project } from '../pipeline/project';
import type { Transcript } from '../pipeline/transcript';

// The app's Content-Security-Policy allows no eval: zod's JIT would probe `new Function` for it, which
// the browser reports as a CSP violation (Firefox as a page error). Validation works the same without it.
z.config({ jitless: true });

const seconds = z.number().min(0);
const key = z.string().min(1);

const WordSchema = z.object({ word: z.string(), start: seconds, end: seconds });

const failure = { message: z.string(), retryable: z.boolean() };

const SceneImageSchema = z.object({
  key,
  type: z.string(),
  source: z.enum([...IMAGE_MODELS, 'own']).optional(),
  prompt: z.string().optional(),
  seed: z.number().int().min(0).optional(),
});

const SceneSchema = z.object({
  index: z.number().int().min(0),
  start: seconds,
  end: seconds,
  text: z.string(),
  words: z.array(WordSchema),
  corrections: z.array(z.object({ word: z.number().int().min(0), text: z.string() })).optional(),
  prompt: z
    .object({
      text: z.string(),
      key: z.string(),
      model: z.string().optional(),
      edited: z.boolean().optional(),
      guide: z.number().int().min(0).optional(),
    })
    .optional(),
  image: SceneImageSchema.optional(),
  versions: z.array(SceneImageSchema).optional(),
  redraw: z
    .object({ model: z.enum(IMAGE_MODELS), seed: z.number().int().min(0).optional(), n: z.number().int().min(0) })
    .optional(),
  redrawn: z.number().int().min(0).optional(),
  redraws: z.number().int().min(0).optional(),
  motion: z
    .object({
      kind: z.enum(MOTION_KINDS),
      travel: z.number().min(0).max(1),
      focus: z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).optional(),
    })
    .optional(),
  motionIndex: z.number().int().min(0).optional(),
  clip: z.object({ key }).optional(),
  failure: z.object({ ...failure, step: z.enum(SCENE_STEPS) }).optional(),
});

const RetiredSceneSchema = SceneSchema.pick({
  text: true,
  prompt: true,
  image: true,
  versions: true,
  redrawn: true,
  redraws: true,
}).extend({ first: z.number().int().min(0), count: z.number().int().min(1) });

const ProjectSchema = z.object({
  version: z.literal(PROJECT_VERSION),
  id: key,
  name: z.string(),
  format: z.enum(FORMAT_IDS),
  style: z.enum(IMAGE_STYLES).optional(),
  captions: z.enum(CAPTION_STYLE_IDS).optional(),
  language: z.string(),
  fps: z.number().int().min(1),
  createdAt: z.number(),
  updatedAt: z.number(),
  audio: z.object({ name: z.string(), type: z.string(), size: seconds, duration: seconds, codec: z.string() }),
  transcript: z.object({ model: z.string(), language: z.string(), words: z.number() }).optional(),
  silentAnswers: z.number().int().min(0).optional(),
  tighten: z
    .object({ on: z.boolean(), fillers: z.array(z.string()).optional(), kept: z.array(z.string()).optional() })
    .optional(),
  scenes: z.array(SceneSchema).optional(),
  retired: z.array(RetiredSceneSchema).optional(),
  guide: z
    .object({
      text: z.string(),
      revision: z.number().int().min(0),
      model: z.string().optional(),
      edited: z.boolean().optional(),
    })
    .optional(),
  final: z.object({ key, size: z.number() }).optional(),
  failure: z.object({ ...failure, step: z.enum(['transcribe', 'scenes', 'final']) }).optional(),
});

const TranscriptSchema = z.object({
  language: z.string(),
  duration: seconds,
  model: z.string(),
  words: z.array(WordSchema),
  segments: z.array(z.object({ text: z.string(), start: seconds, end: seconds })),
});

// The schemas must describe exactly the app's types: these lines stop compiling if they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const projectMatches: Same<z.infer<typeof ProjectSchema>, Project> = true;
const transcriptMatches: Same<z.infer<typeof TranscriptSchema>, Transcript> = true;
void [projectMatches, transcriptMatches];

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const problem = result.error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`);
  return { ok: false, problem: problem.slice(0, 3).join('; ') };
}

export function parseProject(raw: unknown): Parsed<Project> {
  return parseWith(ProjectSchema, raw);
}

export function parseTranscript(raw: unknown): Parsed<Transcript> {
  return parseWith(TranscriptSchema, raw);
}
