// Where captions may be drawn: clear of the buttons and text that the platforms lay over the video.

export interface SafeArea {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * The safe rectangle in pixels (right/bottom are coordinates, exclusive). Portrait video (9:16) keeps
 * clear of the top 8 % (account name, tabs), the bottom 20 % (caption and music), the right 12 % (like,
 * comment, share) and the left 4 %; landscape and square keep a 5 % margin all round.
 */
export function safeArea(width: number, height: number): SafeArea {
  const [left, top, right, bottom] = height > width ? [0.04, 0.08, 0.12, 0.2] : [0.05, 0.05, 0.05, 0.05];
  return {
    left: Math.ceil(width * left),
    top: Math.ceil(height * top),
    right: Math.floor(width * (1 - right)),
    bottom: Math.floor(height * (1 - bottom)),
  };
}
