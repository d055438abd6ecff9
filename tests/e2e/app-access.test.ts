// A server started with ACCESS_TOKEN: the app asks for it, refuses a wrong one, keeps the right one; images in the chosen style.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { speak } from '../support/media';
import { createProject, openHome, pageErrors, seriousViolations, startRig, waitForStep } from './app-helpers';
import { sharedRig } from './shared-rig';

const TOKEN = 'vf-test-token.2f9c81e5';
const SAVED_TOKEN = () => localStorage.getItem('voiceframe:v1:access-token');

async function enterToken(page: Page, token: string): Promise<void> {
  await page.getByLabel('Access token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Use this token' }).click();
}

describe('a server that needs its access token', () => {
  const rig = sharedRig(() => startRig({ ACCESS_TOKEN: TOKEN }));

  it('asks for the token, refuses a wrong one, keeps the right one across reloads, and forgets it on request', async () => {
    const { context, page, errors } = await openHome(rig);
    const form = page.getByTestId('access-form');
    await form.waitFor();
    expect(await form.textContent()).toContain('ACCESS_TOKEN');

    await enterToken(page, 'not-the-token');
    const problem = page.getByTestId('access-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/That is not the server’s access token/);
    expect(await page.getByLabel('Access token', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(SAVED_TOKEN)).toBeNull();
    // A token that cannot be one is refused without asking the server.
    await enterToken(page, 'two words');
    await page.getByText(/only letters, digits/).waitFor();

    await enterToken(page, TOKEN);
    await page.getByTestId('providers-ready').waitFor();
    expect(await form.count()).toBe(0);
    expect(await page.evaluate(SAVED_TOKEN)).toBe(TOKEN);
    await page.reload();
    await page.getByTestId('providers-ready').waitFor();
    expect(await form.count()).toBe(0);

    await page.getByRole('button', { name: 'Forget the access token' }).click();
    await form.waitFor();
    expect(await page.evaluate(SAVED_TOKEN)).toBeNull();
    // The form takes the focus the forget button had.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('access-token');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('follows the token another tab keeps: typed there unlocks this page and its project, forgotten there is gone here', async () => {
    const wav = join(rig.dir, 'Two tabs.wav');
    await speak('A lighthouse stands on the rocks. Its lamp turns slowly all night long.', wav);
    rig.fakes.reset();
    const context = await rig.context();
    const [home, project, other] = [await context.newPage(), await context.newPage(), await context.newPage()];
    const errors = [home, project, other].map((page) => pageErrors(page));
    await home.goto(rig.server.url);
    await home.getByTestId('access-form').waitFor();
    // A project made without the token waits for it on its page.
    await project.goto(rig.server.url);
    await createProject(project, wav, 'YouTube (16:9)');
    await project.getByTestId('access-form').waitFor();
    expect(rig.fakes.counts().transcribe).toBe(0);

    await other.goto(rig.server.url);
    await enterToken(other, TOKEN);
    await other.getByTestId('providers-ready').waitFor();
    // Both other tabs take it at once, with no reload: the home page checks the server, the project runs.
    await home.getByTestId('providers-ready').waitFor();
    expect(await home.getByTestId('access-form').count()).toBe(0);
    await home.getByTestId('token-saved').waitFor();
    await waitForStep(project, 'transcribe', 'done', 60_000);
    expect(await project.getByTestId('access-form').count()).toBe(0);

    await other.getByRole('button', { name: 'Forget the access token' }).click();
    await home.getByTestId('token-saved').waitFor({ state: 'detached' });
    expect(await home.evaluate(SAVED_TOKEN)).toBeNull();
    expect(errors.flat()).toEqual([]);
    await context.close();
  });

  it('asks on the project page when a project starts without it, then runs it in the chosen image style', async () => {
    const wav = join(rig.dir, 'Harbour at dawn.wav');
    await speak(
      'The fishing boats leave the harbour at dawn. Gulls circle above the nets. By noon the boats come home.',
      wav,
    );
    rig.fakes.reset();
    const { context, page, errors } = await openHome(rig);
    await page.getByTestId('access-form').waitFor();
    // Photo is the style unless the user picks another.
    expect(await page.getByRole('radio', { name: /^Photo/ }).isChecked()).toBe(true);
    await page.getByText('Cinematic', { exact: true }).click();
    await createProject(page, wav, 'Square (1:1)');

    // The server refuses the transcription: the page asks for the token instead of failing the project.
    const form = page.getByTestId('access-form');
    await form.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('access-token');
    expect(await page.getByTestId('project-error').count()).toBe(0);
    expect(await page.getByTestId('step-transcribe').getAttribute('data-status')).toBe('pending');
    expect(rig.fakes.counts().transcribe).toBe(0);
    expect(await page.getByTestId('project-meta').textContent()).toContain('Cinematic');
    expect(await seriousViolations(page)).toEqual([]);

    await enterToken(page, TOKEN);
    await waitForStep(page, 'images', 'done', 120_000);
    expect(await form.count()).toBe(0);
    const counts = rig.fakes.counts();
    const scenes = await page.getByTestId('scene').count();
    expect(counts).toMatchObject({ transcribe: 1, chat: scenes + 1, image: scenes });
    // Every image was drawn by stockimg's cinematic endpoint.
    const paths = rig.fakes.received('image').map((body) => (body as { path: string }).path);
    expect(paths).toEqual(Array(scenes).fill('/v1/text-to-image/stock-image/cinematic'));

    // A reload keeps the token: the project carries on without asking again, and nothing is asked twice.
    await page.reload();
    await waitForStep(page, 'clips', 'working', 60_000);
    expect(await form.count()).toBe(0);
    expect(rig.fakes.counts()).toMatchObject({ transcribe: 1, chat: scenes + 1, image: scenes });
    expect(errors).toEqual([]);
    await context.close();
  });
});
