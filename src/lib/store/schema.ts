// Validation of everything read back from IndexedDB: stored data outlives the code that wrote it.
import * as v from 'valibot';
import { FORMAT_IDS } from '../pipeline/formats';
import { PROJECT_VERSION, SCENE_STEPS, type Project } from '../pipeline/project';
import type { Transcript } from '../pipeline/transcript';

const seconds = v.pipe(v.number(), v.finite(), v.minValue(0));
const text = v.string();
const key = v.pipe(v.string(), v.minLength(1));

const WordSchema = v.object({ word: text, start: seconds, end: seconds });

const FailureEntries = { message: text, retryable: v.boolean() };

const SceneSchema = v.object({
  index: v.pipe(v.number(), v.integer(), v.minValue(0)),
  start: seconds,
  end: seconds,
  text,
  words: v.array(WordSchema),
  prompt: v.optional(v.object({ text, key: v.string(), model: v.optional(text), edited: v.optional(v.boolean()) })),
  image: v.optional(v.object({ key, type: text })),
  clip: v.optional(v.object({ key })),
  failure: v.optional(v.object({ ...FailureEntries, step: v.picklist(SCENE_STEPS) })),
});

const ProjectSchema = v.object({
  version: v.literal(PROJECT_VERSION),
  id: key,
  name: text,
  format: v.picklist(FORMAT_IDS),
  language: text,
  fps: v.pipe(v.number(), v.integer(), v.minValue(1)),
  createdAt: v.number(),
  updatedAt: v.number(),
  audio: v.object({ name: text, type: text, size: seconds, duration: seconds, codec: text }),
  transcript: v.optional(v.object({ model: text, language: text, words: v.number() })),
  scenes: v.optional(v.array(SceneSchema)),
  final: v.optional(v.object({ key, size: v.number() })),
  failure: v.optional(v.object({ ...FailureEntries, step: v.picklist(['transcribe', 'scenes', 'final']) })),
});

const TranscriptSchema = v.object({
  language: text,
  duration: seconds,
  model: text,
  words: v.array(WordSchema),
  segments: v.array(v.object({ text, start: seconds, end: seconds })),
});

// The schemas must describe exactly the app's types: these lines stop compiling if they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const projectMatches: Same<v.InferOutput<typeof ProjectSchema>, Project> = true;
const transcriptMatches: Same<v.InferOutput<typeof TranscriptSchema>, Transcript> = true;
void [projectMatches, transcriptMatches];

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

function parseWith<T>(schema: v.GenericSchema<unknown, T>, raw: unknown): Parsed<T> {
  const result = v.safeParse(schema, raw);
  return result.success ? { ok: true, value: result.output } : { ok: false, problem: v.summarize(result.issues) };
}

export function parseProject(raw: unknown): Parsed<Project> {
  return parseWith(ProjectSchema, raw);
}

export function parseTranscript(raw: unknown): Parsed<Transcript> {
  return parseWith(TranscriptSchema, raw);
}
