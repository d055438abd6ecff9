// How many frames a WebCodecs clip hands its encoder before the next one waits for an encoded frame to
// come back. Each frame in flight is a full picture (3 MB at 1080p) held by the browser until the
// encoder returns it, and Chromium's encoder takes up to 5 at once without counting them in
// `encodeQueueSize`: with two workers, every frame allowed in flight is 6 MB of the page's memory.
// Two in flight keep the encoder busy while the next frame is drawn. An encoder that holds frames back
// before returning any (lookahead: Firefox's returns nothing for dozens of frames) would stall at that
// limit, so once a wait hears nothing for `HOLD_WAIT_MS` while the encoder has taken every frame, the
// encoder counts as holding frames back: from then on a frame waits only while the encoder has frames
// it has not taken (the caller keeps that for its next clip).

/** Frames in flight before the next one waits. */
export const FRAMES_IN_FLIGHT = 2;
/**
 * How long a wait hears nothing before the encoder counts as holding frames back: far longer than a
 * software encoder takes for a 1080p frame on a busy machine (~30 ms here).
 */
export const HOLD_WAIT_MS = 1000;

export class FramesInFlight {
  #given = 0;
  #returned = 0;
  #holdsBack: boolean;
  #wake: (() => void) | undefined;

  /**
   * `untaken` says how many frames the encoder has not taken yet (its `encodeQueueSize`); `holdsBack`,
   * what an earlier clip learned of this encoder.
   */
  constructor(
    private readonly untaken: () => number,
    holdsBack = false,
    private readonly holdWaitMs = HOLD_WAIT_MS,
    private readonly limit = FRAMES_IN_FLIGHT,
  ) {
    this.#holdsBack = holdsBack;
  }

  /** Whether the encoder was found to hold frames back before returning them. */
  get holdsBack(): boolean {
    return this.#holdsBack;
  }

  /** A frame was handed to the encoder. */
  given(): void {
    this.#given += 1;
  }

  /** An encoded frame came back. */
  returned(): void {
    this.#returned += 1;
    this.stir();
  }

  /** Something changed that a waiting frame should look at (the encoder took a frame, or failed). */
  stir(): void {
    this.#wake?.();
  }

  /** Resolves once another frame may be handed over, or at once when `stopped()` (a failure) says so. */
  async room(stopped: () => boolean): Promise<void> {
    while (this.#given - this.#returned >= this.limit && !stopped()) {
      if (this.#holdsBack && this.untaken() === 0) return;
      const heard = await this.#heardWithin(this.holdWaitMs);
      if (!heard && this.untaken() === 0) this.#holdsBack = true;
    }
  }

  /** True when stirred within `ms`, false when the time ran out. */
  #heardWithin(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#wake = undefined;
        resolve(false);
      }, ms);
      this.#wake = () => {
        this.#wake = undefined;
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}
