import { describe, expect, it } from 'vitest';
import { imagePromptRequest } from './prompt';
import { CONTEXT_WORDS, promptMessages, scenePromptRequest } from './prompt-context';

const SCENES = [
  { text: 'Mara, a red-haired fisherwoman, rows out of the harbour before dawn.' },
  { text: 'The sea is calm and grey.' },
  { text: '' },
  { text: 'Hours later she hauls in a net full of silver fish.' },
];
const GUIDE = 'Mara: a red-haired fisherwoman in a yellow oilskin\nPalette: slate greys';

describe('a scene’s prompt request with its context', () => {
  it('carries the guide and the words just before and after the scene', () => {
    expect(scenePromptRequest(SCENES, 3, GUIDE)).toEqual({
      text: SCENES[3]!.text,
      guide: GUIDE,
      before: `${SCENES[0]!.text} ${SCENES[1]!.text}`,
    });
    expect(scenePromptRequest(SCENES, 1, GUIDE)).toMatchObject({ before: SCENES[0]!.text, after: SCENES[3]!.text });
  });

  it('gives at most a few dozen neighbouring words, the nearest ones', () => {
    const many = [{ text: Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ') }, { text: 'She smiles.' }];
    const before = scenePromptRequest(many, 1, undefined).before!.split(' ');
    expect(before).toHaveLength(CONTEXT_WORDS);
    expect(before.at(-1)).toBe('w99');
  });

  it('takes the nearest words across as many short scenes as it needs, on both sides', () => {
    const short = Array.from({ length: 60 }, (_, i) => ({ text: `s${i}a s${i}b  s${i}c` }));
    const request = scenePromptRequest(short, 30, undefined);
    const before = request.before!.split(' ');
    const after = request.after!.split(' ');
    expect(before).toHaveLength(CONTEXT_WORDS);
    expect([before[0], before.at(-1)]).toEqual(['s16c', 's29c']);
    expect(after).toHaveLength(CONTEXT_WORDS);
    expect([after[0], after.at(-1)]).toEqual(['s31a', 's44a']);
  });

  it('sends no guide when the project has none, and no neighbours for a silent scene (its text already is theirs)', () => {
    expect(scenePromptRequest(SCENES, 0, '  ')).toEqual({
      text: SCENES[0]!.text,
      after: 'The sea is calm and grey. Hours later she hauls in a net full of silver fish.',
    });
    const silent = scenePromptRequest(SCENES, 2, GUIDE);
    expect(silent).toEqual({ text: expect.stringContaining('grey. … Hours later') as string, guide: GUIDE });
  });
});

describe('the chat messages of a prompt request', () => {
  it('ends with the product’s template for the scene’s own text, verbatim, after the guide and neighbours as context', () => {
    const request = scenePromptRequest(SCENES, 3, GUIDE);
    const messages = promptMessages(request);
    expect(messages).toHaveLength(2);
    expect(messages[1]).toEqual({ role: 'user', content: imagePromptRequest(SCENES[3]!.text) });
    const context = messages[0]!;
    expect(context.role).toBe('system');
    expect(context.content).toContain(`Visual guide:\n${GUIDE}`);
    expect(context.content).toMatch(/also when the scene only says he, she, they or it/);
    expect(context.content).toContain(`just before this scene: “${request.before}”`);
    expect(context.content).not.toContain('just after');
    // The scene's own text is not in the context: the template carries it.
    expect(context.content).not.toContain('silver fish');
  });

  it('is the template alone when there is neither guide nor neighbours, as before guides existed', () => {
    expect(promptMessages({ text: 'A lighthouse.' })).toEqual([
      { role: 'user', content: imagePromptRequest('A lighthouse.') },
    ]);
  });

  it('illustrates the given text (a silent scene’s neighbours) while keeping the template', () => {
    const messages = promptMessages({ text: ' ', guide: GUIDE }, 'Waves on rocks.');
    expect(messages.at(-1)?.content).toBe(imagePromptRequest('Waves on rocks.'));
  });

  it('drops control characters from the context but keeps the guide’s lines', () => {
    const [context] = promptMessages({ text: 'x y', guide: 'A: one\u0007\nB:\ttwo' });
    expect(context?.content).toContain('Visual guide:\nA: one\nB: two');
  });
});
