import { describe, expect, it } from 'vitest';
import { chooseMotion, maxOffset, MOTION_KINDS, pickedMotion, planMotion, viewAt, type View } from './kenburns';
import { fixtureProject } from './project.fixture';
import { nextStep, sceneDone } from './project-plan';
import { clipPlan } from './render-plan';
import { setMotion } from './scene-motion';

const inside = (view: View) =>
  Math.abs(view.x - 0.5) <= maxOffset(view.zoom) + 1e-12 && Math.abs(view.y - 0.5) <= maxOffset(view.zoom) + 1e-12;

describe('a camera move the person picks', () => {
  it('zoom in ends on the focus point, zoom out starts there', () => {
    const zoomIn = pickedMotion({ kind: 'zoom-in', travel: 0.2, focus: { x: 0.55, y: 0.45 } });
    expect(zoomIn.from).toEqual({ zoom: 1, x: 0.5, y: 0.5 });
    expect(zoomIn.to).toEqual({ zoom: 1.2, x: 0.55, y: 0.45 });
    const zoomOut = pickedMotion({ kind: 'zoom-out', travel: 0.2, focus: { x: 0.55, y: 0.45 } });
    expect(zoomOut.from).toEqual(zoomIn.to);
  });

  it('a pan travels its amount in its direction and ends on the focus along its axis, holding it across', () => {
    const pan = pickedMotion({ kind: 'pan-left', travel: 0.1, focus: { x: 0.45, y: 0.52 } });
    expect(pan.to.x).toBeCloseTo(0.45);
    expect(pan.from.x - pan.to.x).toBeCloseTo(0.1);
    expect([pan.from.y, pan.to.y]).toEqual([0.52, 0.52]);
  });

  it('never shows past the picture’s edge, whatever the focus and amount', () => {
    for (const kind of MOTION_KINDS)
      for (const travel of [0, 0.04, 0.12, 0.25, 0.9])
        for (const focus of [
          { x: 0, y: 0 },
          { x: 1, y: 1 },
          { x: 0.5, y: 0.5 },
          { x: 0.9, y: 0.1 },
        ]) {
          const motion = pickedMotion({ kind, travel, focus });
          for (const t of [0, 0.25, 0.5, 0.75, 1]) expect(inside(viewAt(motion, t)), `${kind} ${travel}`).toBe(true);
        }
  });

  it('is the render plan of that scene only; back to automatic gives the deterministic choice again', () => {
    const project = setMotion(fixtureProject('final'), 1, { kind: 'pan-up', travel: 0.1, focus: { x: 0.3, y: 0.4 } });
    expect(clipPlan(project, project.scenes![1]!).motion.kind).toBe('pan-up');
    expect(clipPlan(project, project.scenes![0]!).motion).toEqual(chooseMotion(0));
    // Only that clip is rendered again: no prompt, no image, the other clips kept.
    expect(nextStep(project)).toBe('clips');
    expect(project.scenes!.map((s) => sceneDone(project, s, 'clips'))).toEqual([true, false, true, true]);
    const automatic = setMotion(project, 1, undefined);
    expect(automatic.scenes![1]).not.toHaveProperty('motion');
    expect(nextStep(automatic)).toBe('done');
    expect(planMotion(automatic.scenes![1]!, 'youtube').motion).toEqual(chooseMotion(1));
  });
});
