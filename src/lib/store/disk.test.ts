import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { diskPath } from './disk';
import { getBlob, getStored, putBlob } from './projects';
import { stubDisk } from './storage.fixture';

const putOnDisk = stubDisk();

describe('stored files on disk', () => {
  it('come with their place on disk, where the render engine reads them from', async () => {
    const clip = new File(['clip bytes'], 'clip-0');
    putOnDisk(diskPath('talk', 'clip-0'), clip);
    expect(await getStored('talk', 'clip-0')).toEqual({ blob: clip, disk: diskPath('talk', 'clip-0') });
    expect(await getBlob('talk', 'clip-0')).toBe(clip);
    expect(await getStored('talk', 'clip-1')).toBeUndefined();
  });

  it('in IndexedDB (projects made before videos went to disk) have none', async () => {
    await putBlob('older', 'clip-0', new Blob(['old clip']));
    const stored = await getStored('older', 'clip-0');
    expect(await stored?.blob.text()).toBe('old clip');
    expect(stored).not.toHaveProperty('disk');
  });
});
