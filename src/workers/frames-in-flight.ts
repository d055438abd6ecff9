// How many frames a WebCodecs clip hands its encoder before the next one waits for an encoded frame to
// come back. Each frame in flight is a full picture (3 MB at 1080p) held by the browser until the
// encoder returns it, and Chromium's encoder takes up to 5 at once without counting them in
// `encodeQueueSize`: with two workers, every frame allowed in flight is 6 MB of the page's memory.
// Two in flight keep the encoder busy while the next frame is drawn. An encoder that holds frames back
// before returning any (lookahead) would stall at that limit, so a wait that hears nothing for
// `HOLD_WAIT_MS` while the encoder has taken every frame allows one more, up to `MAX_FRAMES_IN_FLIGHT`
// (the caller keeps what was learned for its next clip); a slow encoder with frames still untaken is
// only waited for.

/** Frames in flight to start from. */
export const FRAMES_IN_FLIGHT = 2;
/** The most ever allowed (what Chromium held when only untaken frames were waited for). */
export const MAX_FRAMES_IN_FLIGHT = 6;
/**
 * How long a wait hears nothing before the encoder counts as holding frames back: far longer than a
 * software encoder takes for a 1080p frame on a busy machine (~40 ms here), so only an encoder that
 * really holds frames back raises the limit, once per frame it holds.
 */
export const HOLD_WAIT_MS = 1000;

export class FramesInFlight {
  #given = 0;
  #returned = 0;
  #limit: number;
  #wake: (() => void) | undefined;

  /** `untaken` says how many frames the encoder has not taken yet (its `encodeQueueSize`). */
  constructor(
    private readonly untaken: () => number,
    private readonly holdWaitMs = HOLD_WAIT_MS,
    limit = FRAMES_IN_FLIGHT,
  ) {
    this.#limit = limit;
  }

  /** How many frames may be in flight now. */
  get limit(): number {
    return this.#limit;
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
    while (this.#given - this.#returned >= this.#limit && !stopped()) {
      const heard = await this.#heardWithin(this.holdWaitMs);
      if (!heard && this.untaken() === 0 && this.#limit < MAX_FRAMES_IN_FLIGHT) this.#limit += 1;
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
