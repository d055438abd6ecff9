// A text edited in place (a scene's prompt, the visual guide): the button that opens the form and the
// form trade places, and the keyboard focus follows them instead of falling to the top of the page.
import { tick } from 'svelte';

/** What the focus moves to: the form's field, or the button that opened it. */
export type Focusable = Pick<HTMLElement, 'focus'>;

export class TextDraft {
  /** The form is shown instead of the text. */
  editing = $state(false);
  /** What the person has typed so far. */
  text = $state('');
  /** The form's text field (bound by the component): it takes the focus as the form opens. */
  field: Focusable | undefined = $state();
  /** The button that opens the form (bound by the component): it takes the focus back as the form closes. */
  opener: Focusable | undefined = $state();

  /** Opens the form on the text as it is now. */
  async open(current: string): Promise<void> {
    this.text = current;
    this.editing = true;
    await tick();
    this.field?.focus();
  }

  /** Closes the form; what was typed is dropped unless it was submitted. */
  async close(): Promise<void> {
    this.editing = false;
    await tick();
    this.opener?.focus();
  }

  /** The form's submit: hands what was typed to `save` (which decides whether it is worth saving), then closes. */
  async submit(event: SubmitEvent, save: (text: string) => void): Promise<void> {
    event.preventDefault();
    save(this.text);
    await this.close();
  }
}
