// Image prompts and the visual guide from an OpenAI-compatible chat service (Groq, OpenAI or Gemini presets).
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { cleanPromptAnswer } from '../../src/lib/pipeline/prompt';
import { promptMessages, type ChatMessage } from '../../src/lib/pipeline/prompt-context';
import { cleanGuideAnswer, guideRequestText } from '../../src/lib/pipeline/visual-guide';
import type { GuideRequest, GuideResponse, PromptRequest, PromptResponse } from '../../src/lib/pipeline/api-contract';
import type { LlmProvider, ProxyConfig } from '../config';
import type { UpstreamCall } from '../context';
import { missingKey } from '../errors';
import { badUpstreamBody, fromSdkError, type Vendor } from './upstream-error';

const NAMES: Record<LlmProvider, string> = { groq: 'Groq', openai: 'OpenAI', gemini: 'Google Gemini' };

/** Reasoning spends completion tokens before the answer; this leaves room for both. */
const MAX_COMPLETION_TOKENS = 1024;

/** Groq's gpt-oss reasons at "medium" unless told otherwise, and answers 400 to `reasoning_effort: "none"`. */
function reasoningFor(
  provider: LlmProvider,
  model: string,
): Pick<ChatCompletionCreateParamsNonStreaming, 'reasoning_effort'> {
  return provider === 'groq' && model.includes('gpt-oss') ? { reasoning_effort: 'low' } : {};
}

function vendorOf(config: ProxyConfig): Vendor {
  const { provider, key, model } = config.llm;
  return {
    name: NAMES[provider],
    keyVar: key.envVar,
    modelVar: 'LLM_MODEL',
    model,
    timeoutMs: config.timeoutsMs.prompt,
  };
}

/** One chat completion: the answer's text (never empty) and the model that wrote it. */
async function chat(
  config: ProxyConfig,
  messages: ChatMessage[],
  call: UpstreamCall,
  what: string,
): Promise<{ content: string; model: string }> {
  const { provider, key, baseURL, model } = config.llm;
  if (!key.value) throw missingKey(key.envVar, what);
  const vendor = vendorOf(config);
  // maxRetries 0: a long retry-after must not hold the request; the browser decides when to retry.
  const client = new OpenAI({ apiKey: key.value, baseURL, timeout: config.timeoutsMs.prompt, maxRetries: 0 });
  let completion: OpenAI.ChatCompletion;
  try {
    const { data, response } = await client.chat.completions
      .create(
        {
          model,
          messages,
          max_completion_tokens: MAX_COMPLETION_TOKENS,
          ...reasoningFor(provider, model),
        },
        { signal: call.signal },
      )
      .withResponse();
    call.record(response.status);
    completion = data;
  } catch (err) {
    throw fromSdkError(vendor, err, call.record);
  }
  const choice = completion.choices?.[0];
  if (!choice) throw badUpstreamBody(vendor, 'there is no choices[0]');
  const content = choice.message?.content;
  if (typeof content !== 'string' || !content.trim()) {
    const why = choice.finish_reason === 'length' ? ' (it ran out of tokens)' : '';
    throw badUpstreamBody(vendor, `the model returned no text${why}`);
  }
  return { content, model: completion.model || model };
}

/**
 * The image prompt of one scene: the product's template with `sceneText`, after the guide and the
 * neighbours' words as context when the request has them.
 */
export async function writePrompt(
  config: ProxyConfig,
  request: PromptRequest,
  sceneText: string,
  call: UpstreamCall,
): Promise<PromptResponse> {
  const answer = await chat(config, promptMessages(request, sceneText), call, 'Writing image prompts');
  const prompt = cleanPromptAnswer(answer.content);
  if (!prompt) throw badUpstreamBody(vendorOf(config), 'the answer held no usable image prompt');
  return { prompt, model: answer.model };
}

/** One piece of the visual guide of a recording (see visual-guide.ts). */
export async function writeGuide(
  config: ProxyConfig,
  request: GuideRequest,
  call: UpstreamCall,
): Promise<GuideResponse> {
  const messages: ChatMessage[] = [{ role: 'user', content: guideRequestText(request) }];
  const answer = await chat(config, messages, call, 'Writing the visual guide');
  const guide = cleanGuideAnswer(answer.content);
  if (!guide) throw badUpstreamBody(vendorOf(config), 'the answer held no usable visual guide');
  return { guide, model: answer.model };
}
