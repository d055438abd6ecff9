// A Vitest environment for rune classes: Node's globals, but modules are transformed for the browser,
// so Svelte compiles `*.svelte.ts` for the client and `$effect`, `$derived` and SvelteSet react as in
// the app (the server build of Svelte never runs effects). No DOM is set up: tests stub what they use.
import type { Environment } from 'vitest/environments';

export default {
  name: 'runes',
  viteEnvironment: 'client',
  setup: () => ({ teardown: () => undefined }),
} satisfies Environment;
