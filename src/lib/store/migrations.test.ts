import { describe, expect, it } from 'vitest';
import { PROJECT_VERSION } from '../pipeline/project';
import { fixtureProject } from '../pipeline/project.fixture';
import { nextStep } from '../pipeline/project-plan';
import { MIGRATIONS, migrate, nameOf, type Migration } from './migrations';
import { parseProject } from './schema';

describe('project migrations', () => {
  it('reads a version 1 project as the current version', () => {
    const v1 = { ...fixtureProject('final'), version: 1 };
    const migrated = migrate(structuredClone(v1));
    expect(migrated.ok).toBe(true);
    if (!migrated.ok) return;
    expect(migrated.from).toBe(1);
    const parsed = parseProject(migrated.value);
    expect(parsed.ok && parsed.value.version).toBe(PROJECT_VERSION);
    expect(parsed.ok && parsed.value.scenes).toEqual(v1.scenes);
  });

  it('gives a version 1 project already cut into scenes an empty guide, so opening it buys no guide', () => {
    const { guide: _guide, ...v1 } = { ...fixtureProject('final'), version: 1 };
    const migrated = migrate(structuredClone(v1));
    const parsed = migrated.ok ? parseProject(migrated.value) : undefined;
    expect(parsed?.ok && parsed.value.guide).toEqual({ text: '', revision: 0 });
    expect(parsed?.ok && nextStep(parsed.value)).toBe('done');
    // Not cut yet: its guide is written with its scenes, as for a new project.
    const { guide: _none, ...early } = { ...fixtureProject('transcript'), version: 1 };
    const upgraded = migrate(early);
    expect(upgraded.ok && upgraded.value.guide).toBeUndefined();
  });

  it('has an upgrade from every earlier version', () => {
    for (let version = 1; version < PROJECT_VERSION; version++) expect(MIGRATIONS[version]).toBeTypeOf('function');
  });

  it('chains the steps from any earlier version, each seeing the previous one’s result', () => {
    const steps: Record<number, Migration> = {
      1: ({ title, ...rest }) => ({ ...rest, name: title }),
      2: (project) => ({ ...project, scenes: (project.scenes as unknown[] | undefined) ?? [] }),
    };
    expect(migrate({ version: 1, title: 'Kite' }, 3, steps)).toEqual({
      ok: true,
      from: 1,
      value: { version: 3, name: 'Kite', scenes: [] },
    });
    expect(migrate({ version: 2, name: 'Kite' }, 3, steps)).toEqual({
      ok: true,
      from: 2,
      value: { version: 3, name: 'Kite', scenes: [] },
    });
    expect(migrate({ version: 1, title: 'Kite' }, 3, { 2: steps[2]! })).toMatchObject({
      ok: false,
      problem: 'no upgrade from project version 1',
    });
  });

  it('reads a version 1 project as one without cuts, and keeps the cuts of a version 2 one', () => {
    const v1 = migrate({ ...fixtureProject('final'), version: 1 });
    expect(v1.ok && parseProject(v1.value)).toMatchObject({ ok: true, value: { version: PROJECT_VERSION } });
    expect(v1.ok && 'tighten' in v1.value).toBe(false);
    const tighten = { on: true, fillers: ['basically'], kept: ['4500'] };
    const { guide: _guide, ...final } = fixtureProject('final');
    const v2 = migrate({ ...final, version: 2, tighten });
    // ...and a version 2 project (cuts, no guides yet) gets the empty guide of step 2 -> 3.
    expect(v2.ok && parseProject(v2.value)).toMatchObject({
      ok: true,
      value: { version: PROJECT_VERSION, tighten, guide: { text: '', revision: 0 } },
    });
  });

  it('reads a version 3 project unchanged as version 4, whose scenes may carry the move they were drawn with', () => {
    const v3 = { ...fixtureProject('final'), version: 3 };
    expect(migrate(structuredClone(v3), 4)).toEqual({ ok: true, from: 3, value: { ...v3, version: 4 } });
    const migrated = migrate(structuredClone(v3));
    const parsed = migrated.ok ? parseProject(migrated.value) : undefined;
    expect(parsed?.ok && parsed.value.scenes).toEqual(v3.scenes);
    expect(parsed?.ok && nextStep(parsed.value)).toBe('done');
    // A scene kept through a merge before it: its move's number is read back (a version 3 app would drop it).
    const moved = { ...fixtureProject('final'), version: PROJECT_VERSION };
    moved.scenes![2] = { ...moved.scenes![2]!, motionIndex: 3 };
    const read = parseProject(moved);
    expect(read.ok && read.value.scenes?.[2]?.motionIndex).toBe(3);
  });

  it('reads a version 4 project unchanged as version 5, which may keep the pieces of scenes new cuts took apart', () => {
    const v4 = { ...fixtureProject('final'), version: 4 };
    expect(migrate(structuredClone(v4), 5)).toEqual({ ok: true, from: 4, value: { ...v4, version: 5 } });
    const migrated = migrate(structuredClone(v4));
    const parsed = migrated.ok ? parseProject(migrated.value) : undefined;
    expect(parsed?.ok && nextStep(parsed.value)).toBe('done');
    // Its retired scenes are read back (a version 4 app would drop them and prune their pictures).
    const retired = [{ first: 3, count: 9, text: 'the probe', image: { key: 'image-a', type: 'image/png' } }];
    const read = parseProject({ ...fixtureProject('final'), version: PROJECT_VERSION, retired });
    expect(read.ok && read.value.retired).toEqual(retired);
  });

  it('never touches a project from a newer version: it is refused as newer, unchanged', () => {
    const future = { ...fixtureProject('final'), version: PROJECT_VERSION + 1, newField: 'x' };
    const copy = structuredClone(future);
    expect(migrate(future)).toEqual({ ok: false, newer: true, problem: expect.stringMatching(/newer version/) });
    expect(future).toEqual(copy);
  });

  it('refuses what is not a versioned project, and still tells its name when it has one', () => {
    expect(migrate(null)).toMatchObject({ ok: false, newer: false });
    expect(migrate({ name: 'Old', version: 'one' })).toMatchObject({ ok: false, problem: 'no version number' });
    expect(nameOf({ name: 'Old talk' })).toBe('Old talk');
    expect(nameOf({ name: ' ' })).toBeUndefined();
    expect(nameOf(42)).toBeUndefined();
  });
});
