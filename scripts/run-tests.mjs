#!/usr/bin/env node
// Runs every test tier in order and prints one closing line `N passed, N failed, N skipped`.
// Tiers: typecheck, lint, unit + integration (vitest), component (vitest browser mode in Debian Chromium),
// renderer build, e2e (Playwright + Debian Chromium). Name tiers as arguments to run only those.
// Each check that is not a test file (typecheck, lint, build) counts as one test, so a red one fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, 'test-results');
mkdirSync(reports, { recursive: true });
const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${label}: exit ${result.status ?? result.signal} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(label);
  }
}

function countVitest(file) {
  if (!existsSync(file)) return false;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  for (const suite of report.testResults ?? []) {
    for (const test of suite.assertionResults ?? []) {
      if (test.status === 'passed') totals.passed += 1;
      else if (test.status === 'failed') {
        totals.failed += 1;
        failures.push(`${test.fullName ?? test.title}`);
      } else totals.skipped += 1;
    }
    // A file that failed to load has no assertions but must still count as a failure.
    if ((suite.assertionResults ?? []).length === 0 && suite.status === 'failed') {
      totals.failed += 1;
      failures.push(`${suite.name}: ${String(suite.message ?? 'failed to run').slice(0, 200)}`);
    }
  }
  return true;
}

function countPlaywright(file) {
  if (!existsSync(file)) return false;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const status = test.status; // expected | unexpected | flaky | skipped
        if (status === 'expected' || status === 'flaky') totals.passed += 1;
        else if (status === 'skipped') totals.skipped += 1;
        else {
          totals.failed += 1;
          failures.push(`e2e: ${spec.title}`);
        }
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  for (const error of report.errors ?? []) {
    totals.failed += 1;
    failures.push(`e2e: ${String(error.message ?? error).slice(0, 200)}`);
  }
  return true;
}

const wants = (tier) => only.length === 0 || only.includes(tier);

if (wants('typecheck')) {
  check('typecheck (node)', 'npx', ['tsc', '-p', 'tsconfig.node.json']);
  check('typecheck (renderer)', 'npx', ['tsc', '-p', 'tsconfig.web.json']);
}
if (wants('lint')) check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
function runVitest(label, projects, file) {
  const failedBefore = totals.failed;
  // A report left by an earlier run must not stand in for this one.
  rmSync(file, { force: true });
  const args = ['vitest', 'run', ...projects.flatMap((name) => ['--project', name]), '--reporter=default', '--reporter=json', `--outputFile=${file}`];
  const ok = run(label, 'npx', args);
  if (!countVitest(file)) {
    totals.failed += 1;
    failures.push(`${label}: vitest produced no report`);
  } else if (!ok && totals.failed === failedBefore) {
    totals.failed += 1;
    failures.push(`${label}: vitest exited non-zero`);
  }
}

if (wants('vitest')) runVitest('unit + integration', ['unit', 'integration'], join(reports, 'vitest.json'));
if (wants('component')) runVitest('component (vitest browser, Chromium)', ['component'], join(reports, 'vitest-component.json'));
if (wants('build')) check('build (renderer, main, preload)', 'npm', ['run', 'build']);
if (wants('e2e')) {
  const file = join(reports, 'playwright.json');
  const ok = run('e2e (Playwright, Chromium)', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  if (!countPlaywright(file)) {
    totals.failed += 1;
    failures.push('playwright produced no report');
  } else if (!ok && !failures.some((name) => name.startsWith('e2e'))) {
    totals.failed += 1;
    failures.push('playwright exited non-zero');
  }
}

if (failures.length > 0) {
  console.log('\nFailed:');
  for (const name of failures) console.log(`  - ${name}`);
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
