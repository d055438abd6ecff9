import { describe, expect, it } from 'vitest';
import { fixtureProject } from './project.fixture';
import { editPrompt, nextStep, sceneDone } from './project-plan';
import { ownPictureKey, ownPictureProblem, ownPictureSizeProblem, pictureFormat, useOwnPicture } from './own-picture';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
const JPEG = [0xff, 0xd8, 0xff, 0xe0];
const WEBP = [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50];
const file = (size = 1000) => ({ name: 'me.png', size });

describe('the person’s own picture for a scene', () => {
  it('takes PNG, JPEG and WebP by their bytes, whatever the file is called', () => {
    expect(pictureFormat(new Uint8Array(PNG))).toBe('png');
    expect(pictureFormat(new Uint8Array(JPEG))).toBe('jpeg');
    expect(pictureFormat(new Uint8Array(WEBP))).toBe('webp');
    expect(ownPictureProblem(file(), new Uint8Array(JPEG))).toBeUndefined();
  });

  it('refuses with a reason what is not such a picture, empty, or too large', () => {
    const text = new TextEncoder().encode('hello, not a picture');
    expect(ownPictureProblem(file(), text)).toBe('“me.png” is not a PNG, JPEG or WebP picture.');
    expect(ownPictureProblem(file(0), new Uint8Array())).toBe('“me.png” is empty.');
    expect(ownPictureProblem(file(50_000_000), new Uint8Array(PNG))).toMatch(/larger than 40 MB/);
    expect(ownPictureSizeProblem('me.png', 8, 600)).toMatch(/too small/);
    expect(ownPictureSizeProblem('me.png', 10_000, 8_000)).toMatch(/80 megapixels/);
    expect(ownPictureSizeProblem('me.png', 300, 500)).toBeUndefined();
  });

  it('becomes the scene’s picture, whatever its prompt, keeping the drawn one as a version; same bytes, same key', () => {
    const project = fixtureProject('final');
    const drawn = project.scenes![2]!.image!;
    const key = ownPictureKey('ab12');
    expect(ownPictureKey('ab12')).toBe(key);
    expect(ownPictureKey('cd34')).not.toBe(key);
    const own = useOwnPicture(project, 2, { key, type: 'image/png' });
    const scene = own.scenes![2]!;
    expect(scene.image).toEqual({ key, type: 'image/png', source: 'own' });
    expect(scene.versions).toEqual([drawn]);
    expect(nextStep(own)).toBe('clips');
    const edited = editPrompt(own, 2, 'another prompt');
    expect(sceneDone(edited, edited.scenes![2]!, 'images')).toBe(true);
  });
});
