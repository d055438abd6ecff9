import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ClipMismatchError,
  WebCodecsUnavailableError,
  EngineCrashError,
  EngineLoadError,
  EngineMemoryError,
  FfmpegExitError,
  isAccessDenied,
  isRetryable,
  NoAudioStreamError,
  NoSpeechError,
  RejectedFileError,
  RenderError,
  reviveError,
  StorageFullError,
  TimelineMismatchError,
  UnreadableImageError,
  UnreadableMediaError,
  UnreadableProjectError,
  VoiceframeError,
} from './errors';

const RENDER_ERRORS = [
  FfmpegExitError,
  EngineCrashError,
  EngineMemoryError,
  EngineLoadError,
  UnreadableMediaError,
  UnreadableImageError,
  NoAudioStreamError,
  TimelineMismatchError,
  ClipMismatchError,
  WebCodecsUnavailableError,
];

/** What comlink hands the page when a worker throws: a plain Error with the name and message kept. */
const fromWorker = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('the client error classes', () => {
  it('say whether trying again may help: not for a refused file, an unreadable project or a silent recording', () => {
    expect(new RejectedFileError('“a.txt” is not audio.').retryable).toBe(false);
    expect(new UnreadableProjectError('This project was saved in a form this version cannot read.').retryable).toBe(
      false,
    );
    expect(new NoSpeechError('talk.mp3', 'French').retryable).toBe(false);
    expect(new StorageFullError('There is no room left.').retryable).toBe(true);
    for (const Class of RENDER_ERRORS) expect(new Class('x').retryable).toBe(true);
    expect(new ApiError('Blocked.', 'image_blocked', 422, false).retryable).toBe(false);
    expect(new ApiError('Slow down.', 'rate_limited', 429, true, 5000).retryable).toBe(true);
  });

  it('are all Voiceframe errors, known by a name that is their class name', () => {
    const all = [
      new ApiError('m', 'network', 0, true),
      new NoSpeechError('a.mp3', 'English'),
      new RejectedFileError('m'),
      new StorageFullError('m'),
      new UnreadableProjectError('m'),
      ...RENDER_ERRORS.map((Class) => new Class('m')),
    ];
    for (const error of all) {
      expect(error).toBeInstanceOf(VoiceframeError);
      expect(error.name).toBe(error.constructor.name);
    }
  });

  it('word a silent recording for the person who made it, naming the file and the language', () => {
    expect(new NoSpeechError('talk.mp3', 'French').message).toBe(
      'No speech was found in “talk.mp3”: the transcription came back without a single word. Voiceframe ' +
        'illustrates what is said, so check that this recording has speech in it, spoken in French ' +
        '(the language chosen for it). Nothing else was requested.',
    );
  });
});

describe('reviveError', () => {
  it('turns every render error that crossed a worker back into its class, message and stack kept', () => {
    for (const Class of RENDER_ERRORS) {
      const plain = fromWorker(Class.name, 'ffmpeg exited with code 1.\nlog tail');
      const revived = reviveError(plain);
      expect(revived).toBeInstanceOf(Class);
      expect(revived).toBeInstanceOf(RenderError);
      expect((revived as Error).message).toBe(plain.message);
      expect((revived as Error).stack).toBe(plain.stack);
      expect((revived as Error).cause).toBe(plain);
    }
  });

  it('leaves alone what it does not know, and what is already revived', () => {
    const type = new TypeError('x is undefined');
    expect(reviveError(type)).toBe(type);
    expect(reviveError(fromWorker('toString', 'not a class'))).not.toBeInstanceOf(VoiceframeError);
    const crash = new EngineCrashError('Aborted()');
    expect(reviveError(crash)).toBe(crash);
    expect(reviveError('a string')).toBe('a string');
  });
});

describe('isRetryable', () => {
  it('gives a fresh worker one more try only after a crash, running out of memory or a failed start', () => {
    const retried = RENDER_ERRORS.filter((Class) => isRetryable(reviveError(fromWorker(Class.name, 'x'))));
    expect(retried).toEqual([EngineCrashError, EngineMemoryError, EngineLoadError]);
    expect(isRetryable(new ApiError('m', 'network', 0, true))).toBe(false);
  });
});

describe('isAccessDenied', () => {
  it('knows a refusal for want of the server’s access token, and nothing else', () => {
    expect(isAccessDenied(new ApiError('The access token is wrong.', 'access_token_required', 401, false))).toBe(true);
    expect(isAccessDenied(new ApiError('Blocked.', 'image_blocked', 422, false))).toBe(false);
    expect(isAccessDenied(Object.assign(new Error('x'), { code: 'access_token_required' }))).toBe(false);
  });
});
