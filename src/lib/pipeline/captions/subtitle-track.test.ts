// The final video's soft subtitle track: the corrected cues as SRT, tagged with the ISO 639-2 language;
// and the same cues as WebVTT for the page's player.
import { describe, expect, it } from 'vitest';
import { fixtureProject } from '../project.fixture';
import type { Project } from '../project';
import { editWord } from '../project-plan';
import { assembleInput } from '../render-plan';
import { parseSrt } from './srt';
import { iso639_2, playerCaptions, subtitleTrack } from './subtitle-track';
import { parseVtt } from './vtt';
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
    const clips = [{ blob: new Blob(['clip']) }];
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

describe('playerCaptions', () => {
  it('holds every corrected word as WebVTT, with or without captions burned in, named by the language', () => {
    for (const captions of ['none', undefined, 'classic'] as const) {
      const project = editWord(withWords(captions, 'English'), 0, 0, 'Galilei');
      const player = playerCaptions(project);
      expect(player).toMatchObject({ language: 'en', label: 'English' });
      const words = parseVtt(player?.vtt ?? '').flatMap((cue) => cue.lines.join(' ').split(' '));
      const spoken = (project.scenes ?? []).flatMap((scene) => scene.words.map((word) => word.word));
      expect(words).toEqual(['Galilei', ...spoken.slice(1)]);
      // The same cues as the MP4's own track, where it has one.
      const track = subtitleTrack(project);
      if (track) expect(parseVtt(player?.vtt ?? '')).toEqual(parseSrt(track.srt));
    }
  });

  it('ends with the sound, says an unknown language is unknown, and is left out without words', () => {
    const project = withWords('none', 'xx');
    const short = { ...project, audio: { ...project.audio, duration: 1 } };
    const player = playerCaptions(short);
    expect(player).toMatchObject({ language: '', label: 'Captions' });
    expect(player?.vtt.startsWith('WEBVTT\n\n')).toBe(true);
    const cues = parseVtt(player?.vtt ?? '');
    expect(cues.length).toBeGreaterThan(0);
    expect(Math.max(...cues.map((cue) => cue.end))).toBeLessThanOrEqual(1);
    const silent = { ...project, scenes: (project.scenes ?? []).map((scene) => ({ ...scene, words: [] })) };
    expect(playerCaptions(silent)).toBeUndefined();
  });
});
