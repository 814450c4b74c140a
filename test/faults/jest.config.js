// The fault-injection suite (`npm run test:faults`): the e2e project's settings, its own files.
// Kept out of `npm test` by the file suffix (*.fault-spec.ts), since it kills and restarts servers.
const path = require('node:path');
const root = require('../../jest.config.js');

const e2e = root.projects.find((project) => project.displayName === 'e2e');
if (!e2e) throw new Error('jest.config.js has no e2e project to base the fault suite on');

module.exports = {
  ...e2e,
  rootDir: path.resolve(__dirname, '../..'),
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  testTimeout: 180000,
  // The scenarios load the machine on purpose; one at a time keeps their timings meaningful.
  maxWorkers: 1,
};
