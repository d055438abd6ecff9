// Frame arithmetic shared by segmenting and rendering: rounding each boundary (not each length)
// makes the clips add up to exactly the audio's frame count, however many scenes there are.

export function frameOf(seconds: number, fps: number): number {
  return Math.round(seconds * fps);
}

export function sceneFrames(scene: { start: number; end: number }, fps: number): number {
  return frameOf(scene.end, fps) - frameOf(scene.start, fps);
}
