import { describe, expect, it } from 'vitest';
import { reviveError } from '../pipeline/errors';
import { clipFailure } from './clip-failure';

// As the page receives them from a worker: a plain error known by its name, revived into its class.
const named = (name: string, message: string) => reviveError(Object.assign(new Error(message), { name })) as Error;

describe('clipFailure', () => {
  it('blames the image for an undecodable picture, so Retry draws a new one', () => {
    expect(clipFailure(named('UnreadableImageError', 'The image of scene 2 is damaged (png: chunk too big).'))).toEqual(
      {
        failure: {
          step: 'images',
          message: 'The picture the image service sent is damaged, so it could not be decoded. Retry draws a new one.',
          retryable: true,
        },
        redraw: true,
      },
    );
  });

  it('keeps engine failures on the clip, in a sentence without the ffmpeg log', () => {
    const exit = clipFailure(named('FfmpegExitError', 'ffmpeg exited with code 1.\n[h264 @ 0x1] broken'));
    expect(exit).toEqual({
      failure: {
        step: 'clips',
        message: 'The video engine could not render this scene. Retry renders it again.',
        retryable: true,
      },
      redraw: false,
    });
    expect(clipFailure(named('EngineCrashError', 'ffmpeg.wasm crashed (RuntimeError)\nlog')).failure.message).toBe(
      'The video engine crashed on this scene, twice. Retry renders it again.',
    );
  });

  it('shows the first line of any other error as a sentence', () => {
    expect(clipFailure(named('ClipMismatchError', 'scene 3 came out empty.\ndetails')).failure).toEqual({
      step: 'clips',
      message: 'Scene 3 came out empty.',
      retryable: true,
    });
    expect(clipFailure(new Error('')).failure.message).toBe('The clip could not be rendered.');
  });
});
