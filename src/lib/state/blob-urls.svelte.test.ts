import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fixtureProject } from '../pipeline/project.fixture';
import { AUDIO, putBlob } from '../store/projects';
import { BlobUrls } from './blob-urls.svelte';

/** Waits for the URL a read started by `get` sets. */
async function urlOf(urls: BlobUrls, projectId: string, key: string): Promise<string | undefined> {
  for (let i = 0; i < 100; i++) {
    const url = urls.get(projectId, key);
    if (url) return url;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return undefined;
}

const textAt = async (url: string | undefined) => (url ? await (await fetch(url)).text() : undefined);

describe('BlobUrls', () => {
  it('reads a stored blob once and gives its URL; nothing for a key it does not have', async () => {
    await putBlob('urls-read', 'thumb', new Blob(['png bytes']));
    const urls = new BlobUrls();
    expect(urls.get('urls-read', 'thumb')).toBeUndefined();
    const url = await urlOf(urls, 'urls-read', 'thumb');
    expect(await textAt(url)).toBe('png bytes');
    expect(urls.get('urls-read', 'thumb')).toBe(url);
    expect(urls.get('urls-read', undefined)).toBeUndefined();
    expect(await urlOf(urls, 'urls-read', 'missing')).toBeUndefined();
    urls.destroy();
  });

  it('keeps the URLs of what the project refers to and its recording; a blob stored again is read afresh', async () => {
    const project = { ...fixtureProject('images'), id: 'urls-retain' };
    const image = project.scenes![0]!.image!.key;
    await putBlob(project.id, image, new Blob(['first drawing']));
    await putBlob(project.id, AUDIO, new Blob(['RIFF']));
    const urls = new BlobUrls();
    const first = await urlOf(urls, project.id, image);
    const audio = await urlOf(urls, project.id, AUDIO);

    urls.retainProject(project);
    expect(urls.get(project.id, image)).toBe(first);
    expect(urls.get(project.id, AUDIO)).toBe(audio);

    // The image is damaged and dropped, then drawn again under the same key.
    const without = { ...project, scenes: project.scenes!.map((scene) => ({ ...scene, image: undefined })) };
    urls.retainProject(without);
    expect(urls.get(project.id, AUDIO)).toBe(audio);
    await putBlob(project.id, image, new Blob(['second drawing']));
    urls.retainProject(project);
    const second = await urlOf(urls, project.id, image);
    expect(second).not.toBe(first);
    expect(await textAt(second)).toBe('second drawing');
    urls.destroy();
  });

  it('forgets a deleted project’s URLs, and all of them when closed', async () => {
    await putBlob('urls-a', 'k', new Blob(['a']));
    await putBlob('urls-b', 'k', new Blob(['b']));
    const urls = new BlobUrls();
    const a = await urlOf(urls, 'urls-a', 'k');
    const b = await urlOf(urls, 'urls-b', 'k');
    urls.forget('urls-a');
    expect(urls.get('urls-b', 'k')).toBe(b);
    // Revoked: the old URL no longer reads.
    await expect(textAt(a)).rejects.toThrow();
    urls.destroy();
    await expect(textAt(b)).rejects.toThrow();
  });
});
