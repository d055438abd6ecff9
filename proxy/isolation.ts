// Cross-origin isolation lets workers use SharedArrayBuffer; every response of the app carries it.
// Kept free of imports: vite.config.ts loads it natively.
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;
