import { describe, expect, it } from 'vitest';
import {
  ApiError,
  FfmpegExitError,
  NoSpeechError,
  reviveError,
  StorageFullError,
  UnreadableProjectError,
} from '../pipeline/errors';
import { failureOf, isOffline, stopsTheRun } from './context';

const running = () => new AbortController().signal;

describe('failureOf', () => {
  it('records the app’s errors with their own message and whether trying again may help', () => {
    expect(failureOf(new NoSpeechError('talk.mp3', 'English'))).toEqual({
      message: expect.stringMatching(/^No speech was found in “talk\.mp3”/),
      retryable: false,
    });
    expect(failureOf(new ApiError('The image was blocked.', 'image_blocked', 422, false))).toEqual({
      message: 'The image was blocked.',
      retryable: false,
    });
    expect(failureOf(new UnreadableProjectError('Saved by another version.')).retryable).toBe(false);
    expect(failureOf(new FfmpegExitError('ffmpeg exited with code 1.'))).toEqual({
      message: 'ffmpeg exited with code 1.',
      retryable: true,
    });
  });

  it('offers a retry for anything else, by its message, else its name', () => {
    expect(failureOf(new TypeError('x is undefined'))).toEqual({ message: 'x is undefined', retryable: true });
    expect(failureOf(new RangeError())).toEqual({ message: 'RangeError', retryable: true });
    expect(failureOf('gone')).toEqual({ message: 'gone', retryable: true });
    // Only the app's own classes are believed: a look-alike object says nothing.
    expect(failureOf(Object.assign(new Error('odd'), { retryable: false })).retryable).toBe(true);
  });
});

describe('stopsTheRun', () => {
  it('stops for a cancel, a full disk or a server wanting its token; one failed piece does not', () => {
    const cancelled = new AbortController();
    cancelled.abort();
    expect(stopsTheRun(new Error('anything'), cancelled.signal)).toBe(true);
    expect(stopsTheRun(new DOMException('The operation was aborted.', 'AbortError'), running())).toBe(true);
    expect(stopsTheRun(new StorageFullError('There is no room left.'), running())).toBe(true);
    expect(stopsTheRun(new ApiError('Token?', 'access_token_required', 401, false), running())).toBe(true);

    expect(stopsTheRun(new ApiError('Blocked.', 'image_blocked', 422, false), running())).toBe(false);
    expect(stopsTheRun(reviveError(Object.assign(new Error('x'), { name: 'FfmpegExitError' })), running())).toBe(false);
    expect(stopsTheRun(new NoSpeechError('a.mp3', 'English'), running())).toBe(false);
  });
});

describe('isOffline', () => {
  it('tells a call lost to an offline browser from a server that could not be reached or refused', () => {
    expect(isOffline(new ApiError('Reconnect.', 'offline', 0, true))).toBe(true);
    expect(isOffline(new ApiError('Unreachable.', 'network', 0, true))).toBe(false);
    expect(isOffline(new ApiError('Busy.', 'upstream_error', 502, true))).toBe(false);
    expect(isOffline(new TypeError('Failed to fetch'))).toBe(false);
  });
});
