// The person's camera move for a scene: set or back to the automatic choice; only that clip is rendered again.
import type { MotionChoice } from './kenburns';
import type { Project } from './project';

export function setMotion(project: Project, index: number, motion: MotionChoice | undefined): Project {
  return {
    ...project,
    scenes: project.scenes?.map((scene) => {
      if (scene.index !== index) return scene;
      const { motion: _old, ...rest } = scene;
      return motion ? { ...rest, motion } : rest;
    }),
  };
}
