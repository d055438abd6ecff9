// The new-video form's Captions choice: defaults per format, stored on the project, remembered per format.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { speak } from '../support/media';
import { createProject, openHome, startRig, storedProjects } from './app-helpers';
import { sharedRig } from './shared-rig';

describe('captions choice on the new-video form', () => {
  const rig = sharedRig(startRig);

  it('starts with word by word for TikTok and Square, none for YouTube, and remembers the last choice per format', async () => {
    const { context, page, errors } = await openHome(rig);
    const checked = async (format: string) => {
      await page.getByText(format, { exact: true }).click();
      for (const label of ['None', 'Word by word', 'Karaoke line', 'Classic']) {
        if (await page.getByRole('radio', { name: label }).isChecked()) return label;
      }
      return undefined;
    };
    // count() does not wait: the form is there once its first choice is.
    const radios = page.getByRole('group', { name: 'Captions' }).getByRole('radio');
    await radios.first().waitFor();
    expect(await radios.count()).toBe(4);
    expect(await checked('TikTok (9:16)')).toBe('Word by word');
    expect(await checked('Square (1:1)')).toBe('Word by word');
    expect(await checked('YouTube (16:9)')).toBe('None');

    // A TikTok video with classic captions: the project holds the choice.
    await page.getByText('TikTok (9:16)', { exact: true }).click();
    await page.getByText('Classic', { exact: true }).click();
    const wav = join(rig.dir, 'captions-choice.wav');
    await speak('Captions make short videos easy to follow without sound.', wav);
    await createProject(page, wav, 'TikTok (9:16)');
    const [project] = await storedProjects(page);
    expect(project).toMatchObject({ format: 'tiktok', captions: 'classic' });

    // Next time, TikTok offers Classic again; the other formats keep their own defaults.
    await page.goto(rig.server.url);
    expect(await checked('TikTok (9:16)')).toBe('Classic');
    expect(await checked('Square (1:1)')).toBe('Word by word');
    expect(await checked('YouTube (16:9)')).toBe('None');
    expect(errors).toEqual([]);
    await context.close();
  });
});
