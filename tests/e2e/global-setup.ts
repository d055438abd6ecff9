// End-to-end tests run against the built client; build it once if it is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ROOT } from './harness';

export default function setup(): void {
  if (!existsSync(`${ROOT}build/index.html`)) {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
}
