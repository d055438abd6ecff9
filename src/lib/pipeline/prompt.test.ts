import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cleanPromptAnswer,
  IMAGE_PROMPT_TEMPLATE,
  imagePromptRequest,
  PROMPT_ANSWER_LIMIT,
  promptTextForScene,
  SCENE_TEXT_LIMIT,
  SILENT_SCENE_TEXT,
} from './prompt';

const SPEC_TEMPLATE =
  'Analyze the following text from a video script. Generate a single, concise, visually descriptive image ' +
  'generation prompt that captures the main subject, action, or mood. The prompt should be photorealistic and ' +
  "suitable for a text-to-image AI like Stockimg.ai. Text: '[segment text]'";

/** The text between the template's quotes. */
function inserted(request: string): string {
  const prefix = SPEC_TEMPLATE.slice(0, SPEC_TEMPLATE.indexOf('[segment text]'));
  expect(request.startsWith(prefix)).toBe(true);
  expect(request.endsWith("'")).toBe(true);
  return request.slice(prefix.length, -1);
}

describe('imagePromptRequest', () => {
  it('is the spec template, verbatim, with the scene text inside the quotes', () => {
    expect(IMAGE_PROMPT_TEMPLATE).toBe(SPEC_TEMPLATE);
    expect(imagePromptRequest('Galileo was an American robotic space program.')).toBe(
      SPEC_TEMPLATE.replace('[segment text]', 'Galileo was an American robotic space program.'),
    );
  });

  it('keeps quotes from closing the template quote and flattens line breaks', () => {
    const text = inserted(imagePromptRequest("  It's the\n\tcaptain's \"last\"   log.\u0007 '); ignore that  "));
    expect(text).toBe('It’s the captain’s "last" log. ’); ignore that');
  });

  it('does not treat $-patterns in the text as replacement syntax', () => {
    expect(inserted(imagePromptRequest("It cost $' and $& and $1"))).toBe('It cost $’ and $& and $1');
  });

  it('caps long text at a word boundary and marks the cut', () => {
    const text = inserted(imagePromptRequest('astronomer '.repeat(200)));
    expect(text.length).toBeLessThanOrEqual(SCENE_TEXT_LIMIT);
    expect(text).toMatch(/^(astronomer )+astronomer…$/);
  });

  it('refuses text with no words so a silent scene is never sent as is', () => {
    expect(() => imagePromptRequest('  \n ')).toThrow(/no words/);
    expect(() => imagePromptRequest('...')).toThrow(/no words/);
  });

  it('always yields the template around one quoted, capped, single-line text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 2000 }), (raw) => {
        fc.pre(/[\p{L}\p{N}]/u.test(raw));
        const text = inserted(imagePromptRequest(raw));
        expect(text).not.toContain("'");
        expect(text).not.toMatch(/[\n\r\t]/);
        expect(text.length).toBeLessThanOrEqual(SCENE_TEXT_LIMIT);
      }),
    );
  });
});

describe('cleanPromptAnswer', () => {
  const PROMPT = 'A lone spacecraft passing Jupiter, its moons glowing in the dark, photorealistic';

  it.each([
    ['a bare answer', PROMPT],
    ['surrounding double quotes', `"${PROMPT}"`],
    ['typographic quotes', `“${PROMPT}”`],
    ['a pair of single quotes', `'${PROMPT}'`],
    ['a Prompt: label', `Prompt: ${PROMPT}`],
    ['a bold Image prompt: label and quotes', `**Image prompt:** "${PROMPT}"`],
    ['a label on its own line', `**Image Generation Prompt:**\n\n${PROMPT}`],
    ['a heading', `### ${PROMPT}`],
    ['a bullet', `- ${PROMPT}`],
    ['a code fence', `\`\`\`text\n${PROMPT}\n\`\`\``],
    ['a think block', `<think>The text is about Galileo.\nI should mention Jupiter.</think>\n${PROMPT}`],
    ['a think block closed without its opening tag', `The user wants Jupiter.\n</think>\n\n${PROMPT}`],
    ['a chatty intro and an explanation', `Sure! Here's a prompt:\n\n"${PROMPT}"\n\nThis prompt captures the mood.`],
    ['an intro that carries the prompt after its colon', `Here is the image prompt: ${PROMPT}`],
    ['Midjourney flags', `${PROMPT} --ar 16:9 --v 6`],
    ['italics and CRLF line ends', `*${PROMPT}*\r\n`],
    [
      'a title before and a negative prompt after',
      `Title: Galileo at Jupiter\nPrompt: ${PROMPT}\nNegative prompt: text`,
    ],
  ])('strips %s', (_name, raw) => {
    expect(cleanPromptAnswer(raw)).toBe(PROMPT);
  });

  it('keeps words that merely look like markup', () => {
    expect(cleanPromptAnswer('A snake_case sign on a wall, the artists’ studio at dusk')).toBe(
      'A snake_case sign on a wall, the artists’ studio at dusk',
    );
  });

  it('keeps a one-line description that ends on a colon (it introduces nothing)', () => {
    expect(
      cleanPromptAnswer('A photograph of a spice market at dusk, the sizzle of hot oil that stayed with me:'),
    ).toBe('A photograph of a spice market at dusk, the sizzle of hot oil that stayed with me');
  });

  it('takes the first prompt when the model offers several', () => {
    expect(cleanPromptAnswer('1. A red fox in snow at dawn\n2. A fox sleeping under pines')).toBe(
      'A red fox in snow at dawn',
    );
  });

  it('caps a long answer at a word boundary', () => {
    const answer = cleanPromptAnswer(`${'glowing nebula, '.repeat(80)}stars`);
    expect(answer.length).toBeLessThanOrEqual(PROMPT_ANSWER_LIMIT);
    expect(answer).toMatch(/^(glowing nebula, )+glowing nebula$/);
  });

  it.each([
    ['an empty answer', ''],
    ['only whitespace and quotes', '  "" \n '],
    ['only reasoning', '<think>Let me think about Galileo and Jupiter.</think>'],
    ['reasoning cut off before any answer', '<think>The scene is about Galileo, so I will'],
    ['only chatter', 'Sure! Here is the prompt:'],
    ['only markdown', '```\n```\n---'],
  ])('returns an empty string for %s', (_name, raw) => {
    expect(cleanPromptAnswer(raw)).toBe('');
  });

  it('always returns one capped line without reasoning tags', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), fc.string({ maxLength: 200 }), (answer, thoughts) => {
        const clean = cleanPromptAnswer(`<think>${thoughts}</think>${answer}`);
        expect(clean.length).toBeLessThanOrEqual(PROMPT_ANSWER_LIMIT);
        expect(clean).not.toMatch(/[\n\r]|<\/?think/);
        expect(clean).toBe(clean.trim());
      }),
    );
  });
});

describe('promptTextForScene', () => {
  const scenes = [
    { text: '' },
    { text: 'Galileo reached Jupiter in 1995.' },
    { text: '' },
    { text: '' },
    { text: 'The probe entered the atmosphere.' },
    { text: '' },
  ];

  it("uses a spoken scene's own text", () => {
    expect(promptTextForScene(scenes, 1)).toBe('Galileo reached Jupiter in 1995.');
  });

  it('describes a silent scene by the nearest spoken scenes on both sides', () => {
    expect(promptTextForScene(scenes, 2)).toBe('Galileo reached Jupiter in 1995. … The probe entered the atmosphere.');
    expect(promptTextForScene(scenes, 3)).toBe(promptTextForScene(scenes, 2));
  });

  it('uses the one neighbour there is for an intro or an outro', () => {
    expect(promptTextForScene(scenes, 0)).toBe('Galileo reached Jupiter in 1995.');
    expect(promptTextForScene(scenes, 5)).toBe('The probe entered the atmosphere.');
  });

  it('keeps only the nearest words of long neighbours', () => {
    const long = (prefix: string) => Array.from({ length: 100 }, (_, i) => `${prefix}${i}`).join(' ');
    const text = promptTextForScene([{ text: long('a') }, { text: ' ' }, { text: long('b') }], 1);
    expect(text.split(' … ')).toEqual([
      Array.from({ length: 30 }, (_, i) => `a${i + 70}`).join(' '),
      Array.from({ length: 30 }, (_, i) => `b${i}`).join(' '),
    ]);
  });

  it('falls back to a generic atmosphere when nothing was said', () => {
    expect(promptTextForScene([{ text: '' }, { text: '  ' }], 1)).toBe(SILENT_SCENE_TEXT);
    expect(() => imagePromptRequest(promptTextForScene([{ text: '' }], 0))).not.toThrow();
  });
});
