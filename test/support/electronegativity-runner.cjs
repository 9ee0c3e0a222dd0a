// Runs Electronegativity programmatically with every network call stubbed out. Its CLI fetches translations and
// Electron release data from the internet at start; tests may only ever reach loopback, so `got` is replaced by a
// stub that fails at once, and the release-data check (which needs the network) is excluded.
'use strict';
const Module = require('node:module');
const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'got') {
    const refuse = () => Promise.reject(new Error('network disabled in tests'));
    refuse.head = refuse;
    refuse.get = refuse;
    return refuse;
  }
  return originalLoad.call(this, request, parent, isMain);
};
const run = require('@doyensec/electronegativity/dist/runner.js');
const input = process.argv[2];
run({
  input,
  customScan: [],
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  electronVersionOverride: '45.5.0',
  isRelative: true,
  parserPlugins: [],
})
  .then((result) => {
    const issues = result.issues.map((issue) => ({
      id: issue.id,
      file: issue.file,
      line: issue.location.line,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      manualReview: Boolean(issue.manualReview),
    }));
    process.stdout.write(JSON.stringify({ issues, errors: result.errors.map((e) => ({ file: e.file, error: String(e.message ?? e.error ?? e) })) }));
  })
  .catch((error) => {
    process.stderr.write(String(error && error.stack ? error.stack : error));
    process.exit(1);
  });
