// Failure paths: an image refused for good (error, retry, success), a 429 waited out, a prompt edited, the
// project deleted; prompts refused for good (error, retry, or the user's own prompt); a recording without speech.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { nativeFfmpeg, speak } from '../support/media';
import { createProject, openHome, storedProjects, waitForScenes, waitForStep, type StoredScene } from './app-helpers';
import { sharedStoryRig } from './shared-rig';
import { readDiskFileNames } from './in-page';

const SCRIPT =
  'Children run along the beach with a bright red balloon. ' +
  'The waves roll in slowly under a pale blue sky. ' +
  'Later the whole family shares dinner on a quiet wooden terrace. ' +
  'The lanterns glow as the evening grows dark.';

describe('when an upstream service fails', () => {
  const rig = sharedStoryRig(SCRIPT);

  it('shows the refused scene’s error with a retry button, carries on with the rest, and the retry succeeds', async () => {
    const wav = await rig.narrate('Beach day.wav');
    rig.fakes.failWhen('image', 'balloon', { kind: 'nsfw' });
    // The very first image request is rate limited: the app waits the 2 s it is told, then carries on.
    rig.fakes.failNext('image', 1, { kind: 'rate-limit', retryAfter: 2 });
    const { context, page, errors } = await openHome(rig);
    await createProject(page, wav, 'Square (1:1)');

    const error = page.getByTestId('scene-error');
    await error.waitFor({ timeout: 120_000 });
    expect(await error.textContent()).toMatch(/image could not be drawn: stockimg.ai's safety filter blocked/i);
    // The other scenes still get their clips; the video waits for the failed one.
    const total = await page.getByTestId('scene').count();
    expect(total).toBeGreaterThanOrEqual(2);
    await waitForScenes(page, 'done', total - 1);
    expect(await page.getByTestId('step-final').getAttribute('data-status')).toBe('pending');
    const [failed] = await storedProjects(page);
    const refused = failed?.scenes?.find((scene) => scene.failure);
    expect(refused?.text).toContain('balloon');
    // The 429 was waited out, not reported: only the refused scene failed.
    expect(failed?.scenes?.filter((scene) => scene.failure)).toHaveLength(1);
    const rateLimited = rig.fakes.received('image').length;

    rig.fakes.reset();
    await error.getByRole('button', { name: /Retry scene/ }).click();
    await waitForStep(page, 'final', 'done', 180_000);
    expect(await page.getByTestId('scene-error').count()).toBe(0);
    // Only the refused scene was drawn again.
    expect(rig.fakes.counts()).toMatchObject({ transcribe: 0, chat: 0, image: 1 });
    expect(rateLimited).toBe(total + 1);

    // The user's own prompt for the first scene: only that image is drawn again, and a new video made.
    const firstVideo = (await storedProjects(page))[0]?.final?.key;
    rig.fakes.reset();
    await page.getByRole('button', { name: 'Edit prompt of scene 1' }).click();
    await page.getByLabel('Image prompt for scene 1').fill('A kite shaped like a whale above the dunes');
    await page.getByRole('button', { name: 'Save and redraw' }).click();
    await waitForStep(page, 'images', 'done', 60_000);
    await waitForStep(page, 'final', 'done', 180_000);
    const edited = (await storedProjects(page))[0];
    expect(edited?.scenes?.[0]?.prompt?.text).toBe('A kite shaped like a whale above the dunes');
    expect(edited?.final?.key).not.toBe(firstVideo);
    expect(rig.fakes.counts()).toMatchObject({ transcribe: 0, chat: 0, image: 1 });
    expect(rig.fakes.received('image')).toEqual([
      expect.objectContaining({ prompt: 'A kite shaped like a whale above the dunes' }),
    ]);

    // Deleting the project removes it and everything stored for it.
    await page.goto(rig.server.url);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: /Delete Beach day/ }).click();
    await page.getByText('No projects yet').waitFor();
    expect(await storedProjects(page)).toEqual([]);
    const blobs = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('voiceframe-blobs');
          open.onsuccess = () => {
            const request = open.result.transaction('blobs').objectStore('blobs').count();
            request.onsuccess = () => resolve(request.result);
          };
        }),
    );
    expect(blobs).toBe(0);
    expect(await page.evaluate(readDiskFileNames)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
  it('shows a scene whose prompt the model refuses for good with the reason and a retry, or lets the user write it', async () => {
    rig.fakes.reset();
    // One sentence more than the story, so a scene between the two refused ones carries on.
    const story = `${SCRIPT} At midnight the stars shine over the calm and silent water.`;
    rig.fakes.setScript(story);
    const wav = join(rig.dir, 'Terrace evening.wav');
    await speak(story, wav, { wpm: 130 });
    // A content filter's refusal, in Groq's error format: the same request would be refused again.
    const refusal = JSON.stringify({
      error: {
        message: 'This request was flagged by the content filter.',
        type: 'invalid_request_error',
        code: 'content_filter',
      },
    });
    rig.fakes.failWhen('chat', 'balloon', { kind: 'status', status: 400, body: refusal });
    rig.fakes.failWhen('chat', 'lanterns', { kind: 'status', status: 400, body: refusal });
    const { context, page, errors } = await openHome(rig);
    await createProject(page, wav, 'Square (1:1)');

    // The other scenes get their images; the two refused ones say why and what can be done.
    await waitForScenes(page, 'failed', 2, 60_000);
    const total = await page.getByTestId('scene').count();
    expect(total).toBeGreaterThanOrEqual(3);
    await page.waitForFunction(
      (least) => document.querySelectorAll('[data-testid=scene] img').length >= least,
      total - 2,
    );
    for (const error of await page.getByTestId('scene-error').all()) {
      expect(await error.textContent()).toMatch(
        /No image prompt could be written: .*refused the request \(400\): This request was flagged by the content filter\..*write the prompt yourself/,
      );
    }
    const failed = (await storedProjects(page))[0]?.scenes?.filter((scene) => scene.failure) ?? [];
    expect(failed.map((scene) => scene.failure?.step)).toEqual(['prompts', 'prompts']);
    const [balloon, lanterns] = ['balloon', 'lanterns'].map(
      (word) => failed.find((scene) => scene.text.includes(word)) as StoredScene,
    );
    // Once the rest is done, the page sums the failures up once, with a way to the first.
    const summary = page.getByTestId('scenes-need-attention');
    await summary.waitFor({ timeout: 120_000 });
    expect(await summary.innerText()).toMatch(/2 scenes could not be finished, and the video waits for them/);
    await summary.getByRole('link', { name: `Go to scene ${Math.min(balloon!.index, lanterns!.index) + 1}` }).waitFor();
    // Each refusal is counted once, at the prompts; those scenes' images and clips are on hold, not failed again.
    expect(await page.getByTestId('step-prompts').innerText()).toMatch(/, 2 failed/);
    for (const step of ['images', 'clips']) {
      const row = page.getByTestId(`step-${step}`);
      expect(await row.getAttribute('data-status')).toBe('blocked');
      expect(await row.innerText()).toMatch(new RegExp(`${total - 2} of ${total} scenes, 2 on hold`));
      expect(await row.innerText()).not.toMatch(/fail/i);
    }
    // Refused for good: each prompt was asked for once, not retried (and the visual guide once, before them).
    expect(rig.fakes.counts().chat).toBe(total + 1);

    // The user writes one prompt; the model writes the other on retry, once it no longer refuses.
    rig.fakes.reset();
    await page.getByRole('button', { name: `Write the prompt yourself of scene ${balloon!.index + 1}` }).click();
    // The keyboard focus follows the controls that replace the one pressed.
    const focused = () => page.evaluate(() => document.activeElement?.id);
    expect(await focused()).toBe(`prompt-${balloon!.index}`);
    await page
      .getByLabel(`Image prompt for scene ${balloon!.index + 1}`)
      .fill('A red balloon drifting over sand dunes');
    await page.getByRole('button', { name: 'Save and redraw' }).click();
    expect(await focused()).toBe(`scene-${balloon!.index}-title`);
    await page.getByRole('button', { name: `Retry scene ${lanterns!.index + 1}` }).click();
    expect(await focused()).toBe(`scene-${lanterns!.index}-title`);
    await waitForStep(page, 'images', 'done', 60_000);
    expect(await page.getByTestId('scene-error').count()).toBe(0);
    expect(rig.fakes.counts()).toMatchObject({ transcribe: 0, chat: 1, image: 2 });
    const drawn = rig.fakes.received('image').map((body) => (body as { prompt: string }).prompt);
    expect(drawn).toContain('A red balloon drifting over sand dunes');
    const saved = (await storedProjects(page))[0]?.scenes ?? [];
    expect(saved[balloon!.index]?.prompt?.text).toBe('A red balloon drifting over sand dunes');
    // The chat model's own prompt, written from the scene's words.
    expect(saved[lanterns!.index]?.prompt?.text).toContain(lanterns!.text.slice(0, 30));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says plainly when a recording has no speech, asks for nothing more, and transcribes anew on Try again', async () => {
    rig.fakes.reset();
    const silent = join(rig.dir, 'Room tone.wav');
    await nativeFfmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=44100:cl=mono', '-t', '12', silent]);
    const { context, page, errors } = await openHome(rig);
    await createProject(page, silent, 'TikTok (9:16)');

    const alert = page.getByTestId('project-error');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.innerText()).toMatch(
      /Transcription failed: No speech was found in “Room tone\.wav”: .*spoken in English/,
    );
    expect(await page.getByTestId('step-transcribe').getAttribute('data-status')).toBe('failed');
    expect(await page.getByTestId('scene').count()).toBe(0);
    expect(rig.fakes.counts()).toMatchObject({ transcribe: 1, chat: 0, image: 0 });
    // The home page lists it as failed, not as finished or still going.
    await page.getByRole('link', { name: '← All projects' }).click();
    const item = page.getByTestId('project-item').filter({ hasText: 'Room tone' });
    expect(await item.innerText()).toMatch(/Needs attention/);

    await item.getByRole('link', { name: 'Room tone' }).click();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => rig.fakes.counts().transcribe, { timeout: 30_000 }).toBe(2);
    await alert.waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
