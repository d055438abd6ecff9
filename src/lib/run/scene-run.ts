// The scene steps overlapped: prompts and images on the network, clips on the render pool, each piece
// started as soon as its input exists, earliest scenes first.
import { SCENE_STEPS, type Project, type SceneRecord, type SceneStep } from '../pipeline/project';
import { workId } from '../pipeline/project-plan';
import { readyPieces, stepUnits, type Piece } from '../pipeline/project-schedule';
import { anySignal } from '../abort';
import { isOffline, type RunContext } from './context';
import { runPiece } from './scene-steps';

interface Queue {
  steps: readonly SceneStep[];
  size: number;
  promptLead: number;
}

/**
 * Runs every scene piece that can be made (including those that become possible as others finish)
 * until none is left or running. One scene's failure stays on that scene; a cancel, a full disk or a
 * refused token stops every piece in flight, and is thrown once they have all settled. A lost
 * connection starts nothing more but lets the pieces in flight end (an answer already on its way is
 * stored), then is thrown for the run to wait for the connection.
 */
export async function runScenes(ctx: RunContext): Promise<void> {
  // One signal for every piece in flight, aborted by the user's cancel or by the first piece that meets
  // a stop (a full disk, a refused token).
  const stop = anySignal(ctx.signal);
  const run: RunContext = { ...ctx, signal: stop.signal };
  const network: Queue = { steps: ['prompts', 'images'], size: ctx.concurrency, promptLead: ctx.concurrency };
  const render: Queue = { steps: ['clips'], size: Math.max(1, ctx.engine.lanes), promptLead: 0 };
  /** Pieces in flight, by work id, with the queue they hold a place in. */
  const busy = new Map<string, Queue>();
  /** Frames encoded so far of each clip in flight, by scene. */
  const frames = new Map<number, number>();
  // A piece that ends without changing its scene (a bug) must not be started again and again.
  const startedOn = new Map<string, SceneRecord | undefined>();
  let fatal: { error: unknown } | undefined;
  let offline: { error: unknown } | undefined;
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));

  // Piece counts only change with the project: recount then, not on every frame.
  let counted: { project: Project; units: Record<SceneStep, { done: number; left: number }> } | undefined;
  const report = (steps: readonly SceneStep[] = SCENE_STEPS) => {
    const project = ctx.project();
    if (counted?.project !== project) {
      const units = Object.fromEntries(SCENE_STEPS.map((step) => [step, stepUnits(project, step)]));
      counted = { project, units: units as Record<SceneStep, { done: number; left: number }> };
    }
    for (const step of steps) {
      const { done, left } = counted.units[step];
      const inFlight = step === 'clips' ? [...frames.values()].reduce((sum, n) => sum + n, 0) : 0;
      ctx.progress(step, done + inFlight, done + left);
    }
  };

  const start = (piece: Piece, queue: Queue) => {
    const id = workId(piece.step, piece.index);
    busy.set(id, queue);
    startedOn.set(id, ctx.project().scenes?.[piece.index]);
    const onFrames = (n: number) => {
      frames.set(piece.index, n);
      report(['clips']);
    };
    void runPiece(run, piece.step, piece.index, onFrames)
      .catch((error: unknown) => {
        // Not aborted: the other calls in flight may still get their answers, bought by then.
        if (isOffline(error)) offline ??= { error };
        else {
          fatal ??= { error };
          stop.abort(error);
        }
      })
      .finally(() => {
        busy.delete(id);
        frames.delete(piece.index);
        report();
        pump();
      });
  };

  const fill = (queue: Queue) => {
    const project = ctx.project();
    let free = queue.size - [...busy.values()].filter((held) => held === queue).length;
    for (const piece of readyPieces(project, queue.steps, busy, queue.promptLead)) {
      if (free <= 0) return;
      if (startedOn.get(workId(piece.step, piece.index)) === project.scenes?.[piece.index]) continue;
      start(piece, queue);
      free -= 1;
    }
  };

  const pump = () => {
    try {
      if (!fatal && !offline && !run.signal.aborted) for (const queue of [render, network]) fill(queue);
    } catch (error) {
      fatal ??= { error };
      stop.abort(error);
    }
    if (busy.size === 0) finish();
  };

  report();
  pump();
  await finished;
  stop.release();
  if (fatal) throw fatal.error;
  ctx.signal.throwIfAborted();
  if (offline) throw offline.error;
}
