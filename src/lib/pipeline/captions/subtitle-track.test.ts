// The final video's soft subtitle track: the corrected cues as SRT, tagged with the ISO 639-2 language.
import { describe, expect, it } from 'vitest';
import { fixtureProject } from '../project.fixture';
import type { Project } from '../project';
import { editWord } from '../project-plan';
import { assembleInput } from '../render-plan';
import { parseSrt } from './srt';
import { iso639_2, subtitleTrack } from './subtitle-track';
import { evenWords } from './words.fixture';

function withWords(captions: Project['captions'], language = 'en'): Project {
  const project = fixtureProject('final');
  const scenes = (project.scenes ?? []).map((scene) => ({
    ...scene,
    words: scene.text ? evenWords(scene.text, 0.4, scene.start) : [],
  }));
  const transcript = project.transcript && { ...project.transcript, language };
  return { ...project, language, transcript, scenes, captions };
}

describe('subtitleTrack', () => {
  it('holds every corrected word, in order, when the project burns captions in', () => {
    const project = editWord(withWords('word'), 0, 0, 'Galilei');
    const track = subtitleTrack(project);
    expect(track?.language).toBe('eng');
    const words = parseSrt(track?.srt ?? '').flatMap((cue) => cue.lines.join(' ').split(' '));
    const spoken = (project.scenes ?? []).flatMap((scene) => scene.words.map((word) => word.word));
    expect(words).toEqual(['Galilei', ...spoken.slice(1)]);
  });

  it('ends with the sound, so the track never makes the video longer', () => {
    const project = withWords('word');
    const short = { ...project, audio: { ...project.audio, duration: 1 } };
    const cues = parseSrt(subtitleTrack(short)?.srt ?? '');
    expect(cues.length).toBeGreaterThan(0);
    expect(Math.max(...cues.map((cue) => cue.end))).toBeLessThanOrEqual(1);
  });

  it('is left out without captions, and goes into the final video input with them', () => {
    expect(subtitleTrack(withWords('none'))).toBeUndefined();
    expect(subtitleTrack(withWords(undefined))).toBeUndefined();
    const clips = [new Blob(['clip'])];
    expect(assembleInput(withWords('none'), clips, new Blob(['a']))).not.toHaveProperty('subtitles');
    expect(assembleInput(withWords('classic', 'fr'), clips, new Blob(['a'])).subtitles?.language).toBe('fre');
  });

  it('names languages by ISO 639-2 (as MP4 stores them), from a code or a name, else undetermined', () => {
    expect(['en', 'fr', 'de', 'zh', 'ja', 'English', 'Arabic', 'xx', ''].map(iso639_2)).toEqual([
      'eng',
      'fre',
      'ger',
      'chi',
      'jpn',
      'eng',
      'ara',
      'und',
      'und',
    ]);
  });
});
