import { describe, expect, it } from 'vitest';
import { requestKey } from './request-key';

const image = { prompt: 'a lighthouse at dusk', width: 1920, height: 1080, style: 'stockimg' };
const base = { projectId: 'p-1', kind: 'image' as const, scene: 2, content: image };

describe('requestKey', () => {
  it('is the same for the same project, scene and content, however the content was built', () => {
    const again = { projectId: 'p-1', kind: 'image' as const, scene: 2, content: { ...image } };
    const reordered = { style: 'stockimg', height: 1080, width: 1920, prompt: 'a lighthouse at dusk' };
    expect(requestKey(again)).toBe(requestKey(base));
    expect(requestKey({ ...base, content: reordered })).toBe(requestKey(base));
  });

  it('changes with the project, the scene, the kind of call and the content', () => {
    const keys = [
      requestKey(base),
      requestKey({ ...base, projectId: 'p-2' }),
      requestKey({ ...base, scene: 3 }),
      requestKey({ ...base, kind: 'prompt' }),
      requestKey({ ...base, content: { ...image, prompt: 'a lighthouse at dawn' } }),
      requestKey({ ...base, content: { ...image, width: 1080, height: 1920 } }),
      requestKey({ projectId: 'p-1', kind: 'transcribe', content: { size: 10 } }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is a key the proxy accepts: 1 to 200 visible ASCII characters, naming its kind', () => {
    const key = requestKey({ ...base, projectId: 'é'.repeat(500) });
    expect(key).toMatch(/^vf-image-[\x21-\x7e]+$/);
    expect(key.length).toBeLessThanOrEqual(200);
  });
});
