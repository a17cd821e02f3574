#!/usr/bin/env node
// `npm test`: Jest (unit, integration, e2e against real PostgreSQL and Redis), then Vitest (the
// web app's component logic), then Playwright (the browser journeys). Arguments go to Jest
// (`npm test -- --ci --json --outputFile=…`). Every runner runs even if an earlier one failed, so a
// CI run reports all three; the exit code is non-zero if any failed. Vitest and Playwright write
// their JSON results under .ci/out (vitest.json, playwright.json) for .ci/run's summary line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';

mkdirSync('.ci/out', { recursive: true });
// A report left by an earlier run must never stand in for this one's.
for (const report of ['vitest.json', 'playwright.json']) rmSync(`.ci/out/${report}`, { force: true });
const bin = (name) => `node_modules/.bin/${name}`;
const runs = [
  ['jest', [bin('jest'), '--maxWorkers=2', ...process.argv.slice(2)]],
  [
    'vitest',
    [
      bin('vitest'),
      'run',
      '--root',
      'apps/web',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=../../.ci/out/vitest.json',
    ],
  ],
  ['playwright', [bin('playwright'), 'test']],
];

const failed = [];
for (const [name, [command, ...args]] of runs) {
  process.stdout.write(`\n== ${name}\n`);
  const { status, error } = spawnSync(command, args, { stdio: 'inherit' });
  if (error || status !== 0) failed.push(name);
}
if (failed.length > 0) process.stdout.write(`\nnpm test: ${failed.join(', ')} failed\n`);
process.exit(failed.length > 0 ? 1 : 0);
