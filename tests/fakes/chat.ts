// Test equipment: an OpenAI-compatible /chat/completions, with Groq's refusals when mounted as Groq.
import type { Context } from 'hono';
import { actOut, groqRateHeaders, jsonError, type Flavour } from './failures';
import type { FakeScript } from './scripting';

const RETIRED = ['llama-3.1-8b-instant', 'llama-3.3-70b-versatile', 'gemini-2.0-flash'];
const REASONING = /^(openai\/gpt-oss|o\d|gpt-5)/;

export interface ChatState {
  script: FakeScript;
  key: string;
  /**
   * Writes the answer from the scene text found in the request (default: a labelled, quoted prompt);
   * `context` is what the messages before the template said (the visual guide, the neighbours), or ''.
   */
  answer: (sceneText: string, model: string, context: string) => string | null;
  /** Writes the visual guide from the narration found in a guide request (default: `defaultGuide`). */
  guide: (narration: string, model: string) => string | null;
}

/** How a guide request opens (the app's visual-guide request); anything else is a scene's prompt request. */
const GUIDE_REQUEST = /^Write a short visual guide\b/;

/**
 * What a model typically makes of a guide request, markdown and all: every "Name, a description," of the
 * narration as a person with that fixed description, then an era and a palette line.
 */
export function defaultGuide(narration: string): string {
  const people = [...narration.matchAll(/\b(\p{Lu}\p{Ll}+), (an? [^,.;]+)[,.;]/gu)].map(
    ([, name, description]) => `- **${name}**: ${description}`,
  );
  return [
    'Here is the visual guide:',
    '',
    '**People**',
    ...people,
    '**Era and setting**: the present day, outdoors',
    '**Palette**: warm natural light, muted greens and blues',
  ].join('\n');
}

/** What a small model typically says: a label and quotes around the prompt, which the proxy must clean. */
export function defaultAnswer(sceneText: string): string {
  const subject = sceneText
    .split(/\s+/)
    .slice(0, 12)
    .join(' ')
    .replace(/[.,;:!?]+$/, '');
  return `Prompt: "A photorealistic photograph of ${subject}, natural light, shallow depth of field, 35mm"`;
}

interface ChatBody {
  model?: unknown;
  messages?: { role?: unknown; content?: unknown; name?: unknown }[];
  n?: unknown;
  logprobs?: unknown;
  logit_bias?: unknown;
  reasoning_effort?: unknown;
}

/**
 * Groq answers 400 to the OpenAI parameters it does not take: logprobs, logit_bias, n != 1,
 * messages[].name, and reasoning_effort "none" for reasoning models.
 */
function groqRefusal(body: ChatBody, model: string): string | undefined {
  if (body.logprobs !== undefined && body.logprobs !== null && body.logprobs !== false)
    return '`logprobs` is not supported';
  if (body.logit_bias !== undefined && body.logit_bias !== null) return '`logit_bias` is not supported';
  if (body.n !== undefined && body.n !== null && body.n !== 1) return '`n` must be at most 1';
  if (body.messages?.some((m) => m.name !== undefined)) return "'messages.0' : property 'name' is unsupported";
  if (body.reasoning_effort === 'none' && REASONING.test(model))
    return '`reasoning_effort` must be one of low, medium, high';
  return undefined;
}

/** The text of every message before the last one (a system message with the guide), joined. */
function contextOf(body: ChatBody): string {
  const earlier = body.messages?.slice(0, -1) ?? [];
  return earlier.map((message) => (typeof message.content === 'string' ? message.content : '')).join('\n');
}

export async function fakeChat(c: Context, state: ChatState, flavour: Flavour): Promise<Response> {
  if (flavour === 'groq') groqRateHeaders(c);
  if (c.req.header('authorization') !== `Bearer ${state.key}`) {
    return jsonError(c, 401, 'Invalid API Key', 'invalid_request_error', 'invalid_api_key');
  }
  const body = (await c.req.json().catch(() => ({}))) as ChatBody;
  const model = typeof body.model === 'string' ? body.model : '';
  const last = body.messages?.at(-1)?.content;
  const request = typeof last === 'string' ? last : '';
  // failWhen aims at scenes by a word of their text: the guide request, which reads every word, is not matched by one.
  const matchText = GUIDE_REQUEST.test(request) ? '' : request;
  const failure = await actOut(c, state.script.take('chat', matchText, body), flavour, model);
  if (failure) return failure;

  if (!model || !Array.isArray(body.messages) || body.messages.length === 0) {
    return jsonError(c, 400, "'model' and 'messages' are required", 'invalid_request_error');
  }
  if (RETIRED.includes(model)) {
    const message = `The model \`${model}\` does not exist or you do not have access to it.`;
    return jsonError(c, 404, message, 'invalid_request_error', 'model_not_found');
  }
  const refusal = flavour === 'groq' ? groqRefusal(body, model) : undefined;
  if (refusal) return jsonError(c, 400, refusal, 'invalid_request_error');
  if (body.reasoning_effort !== undefined && !REASONING.test(model)) {
    return jsonError(c, 400, 'reasoning_effort is not supported with this model', 'invalid_request_error');
  }
  // The narration and the scene text each sit in single quotes at the end of their request.
  const content = GUIDE_REQUEST.test(request)
    ? state.guide(/Narration: '([\s\S]*)'\s*$/.exec(request)?.[1] ?? request, model)
    : state.answer(/Text: '([\s\S]*)'\s*$/.exec(request)?.[1] ?? request, model, contextOf(body));
  return c.json({
    id: `chatcmpl-fake${Date.now().toString(36)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          ...(REASONING.test(model) ? { reasoning: 'The user wants one concise photorealistic prompt.' } : {}),
        },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 80, completion_tokens: 40, total_tokens: 120 },
    ...(flavour === 'groq' ? { x_groq: { id: 'req_fake_chat' } } : {}),
  });
}
