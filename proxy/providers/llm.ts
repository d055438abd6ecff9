// One image prompt per scene from an OpenAI-compatible chat service (Groq, OpenAI or Gemini presets).
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { cleanPromptAnswer, imagePromptRequest } from '../../src/lib/pipeline/prompt';
import type { PromptResponse } from '../../src/lib/pipeline/api-contract';
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

export async function writePrompt(config: ProxyConfig, sceneText: string, call: UpstreamCall): Promise<PromptResponse> {
  const { provider, key, baseURL, model } = config.llm;
  if (!key.value) throw missingKey(key.envVar, 'Writing image prompts');
  const vendor: Vendor = {
    name: NAMES[provider],
    keyVar: key.envVar,
    modelVar: 'LLM_MODEL',
    model,
    timeoutMs: config.timeoutsMs.prompt,
  };
  // maxRetries 0: a long retry-after must not hold the request; the browser decides when to retry.
  const client = new OpenAI({ apiKey: key.value, baseURL, timeout: config.timeoutsMs.prompt, maxRetries: 0 });
  let completion: OpenAI.ChatCompletion;
  try {
    const { data, response } = await client.chat.completions
      .create(
        {
          model,
          messages: [{ role: 'user', content: imagePromptRequest(sceneText) }],
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
  const prompt = cleanPromptAnswer(content);
  if (!prompt) throw badUpstreamBody(vendor, 'the answer held no usable image prompt');
  return { prompt, model: completion.model || model };
}
