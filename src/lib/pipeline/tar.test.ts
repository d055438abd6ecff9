import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tarChunks, tarName } from './tar';

const concat = (chunks: Uint8Array[]) => Buffer.concat(chunks.map((chunk) => Buffer.from(chunk)));

describe('tar archives', () => {
  it('are opened by the system tar with every file’s name and exact bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vf-tar-'));
    try {
      const image = new Uint8Array(1300).map((_, i) => (i * 7) % 256);
      const files = [
        { name: 'project.json', bytes: new TextEncoder().encode('{"name":"Kite"}'), mtime: Date.UTC(2026, 0, 1) },
        { name: 'image-abc.png', bytes: image },
        { name: 'empty', bytes: new Uint8Array(0) },
      ];
      const archive = join(dir, 'kite.tar');
      writeFileSync(archive, concat(tarChunks(files)));
      const listing = execFileSync('tar', ['-tvf', archive], { encoding: 'utf8' });
      expect(listing).toMatch(/project\.json/);
      execFileSync('tar', ['-xf', archive, '-C', dir]);
      expect(readFileSync(join(dir, 'project.json'), 'utf8')).toBe('{"name":"Kite"}');
      expect(new Uint8Array(readFileSync(join(dir, 'image-abc.png')))).toEqual(image);
      expect(readFileSync(join(dir, 'empty'))).toHaveLength(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps names inside the archive and within 100 bytes', () => {
    expect(tarName('../etc/passwd')).toBe('.._etc_passwd');
    expect(new TextEncoder().encode(tarName('é'.repeat(80))).length).toBeLessThanOrEqual(100);
    expect(tarName('')).toBe('file');
  });
});
