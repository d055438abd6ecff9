// Editing a text in place: the form opens on the current text, Cancel drops what was typed, Save hands
// it over, and the focus goes to the field and back to the button that opened it.
import { describe, expect, it } from 'vitest';
import { TextDraft, type Focusable } from './text-draft.svelte';

/** A draft whose field and button say which of them has the focus. */
function bound() {
  const focus = { on: 'page' };
  const element = (name: string): Focusable => ({ focus: () => (focus.on = name) });
  const draft = new TextDraft();
  draft.field = element('field');
  draft.opener = element('opener');
  return { draft, focus };
}

/** A submit event whose default (reloading the page) is seen to be prevented. */
function submitEvent() {
  const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
  return event;
}

describe('TextDraft', () => {
  it('opens on the current text with the focus in the field; Cancel drops the edit and gives the focus back', async () => {
    const { draft, focus } = bound();
    await draft.open('A red kite over the hills');
    expect([draft.editing, draft.text, focus.on]).toEqual([true, 'A red kite over the hills', 'field']);

    draft.text = 'Something else';
    await draft.close();
    expect([draft.editing, focus.on]).toEqual([false, 'opener']);
    await draft.open('A red kite over the hills');
    expect(draft.text).toBe('A red kite over the hills');
  });

  it('Save hands over what was typed, keeps the page from reloading, closes and gives the focus back', async () => {
    const { draft, focus } = bound();
    await draft.open('');
    draft.text = '  Mara: a red-haired fisherwoman ';
    const saved: string[] = [];
    const event = submitEvent();
    await draft.submit(event as unknown as SubmitEvent, (text) => saved.push(text));
    expect(saved).toEqual(['  Mara: a red-haired fisherwoman ']);
    expect(event.defaultPrevented).toBe(true);
    expect([draft.editing, focus.on]).toEqual([false, 'opener']);
  });
});
