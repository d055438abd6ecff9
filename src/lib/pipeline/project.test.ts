import { describe, expect, it } from 'vitest';
import { downloadName, projectName } from './project';

describe('names', () => {
  it('names a project after its file, without extension or folders', () => {
    expect(projectName('C:\\talks\\My episode.final.m4a')).toBe('My episode.final');
    expect(projectName('/tmp/.mp3')).toBe('Untitled');
  });

  it('downloads as <project name>-<format>.mp4 with unsafe characters replaced', () => {
    expect(downloadName({ name: 'My episode', format: 'tiktok' })).toBe('My episode-tiktok.mp4');
    expect(downloadName({ name: 'a/b:c?', format: 'square' })).toBe('a_b_c_-square.mp4');
  });
});
