#!/usr/bin/env bash
# Every test: type checks, lint, unit tests, a production build, then end-to-end tests in Chromium and Firefox.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh
[ -d node_modules ] || npm install
rm -rf test-results
step() { printf '\n=== %s ===\n' "$1"; }
step 'type check (svelte-check)'
npm run --silent check
step 'lint (eslint + prettier)'
npm run --silent lint
step 'unit tests (vitest)'
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
step 'build'
npm run --silent build
step 'end-to-end tests (Chromium, Firefox)'
npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json=test-results/e2e.json
node scripts/test-summary.mjs test-results/unit.json test-results/e2e.json
