// `npm run test:ui`: the headless-Chromium test of the Temporal UI against a running stack. Not part
// of `npm test` (no project there matches tests/ui), so `npm test` never needs a browser.
const path = require('node:path');

module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  globalSetup: '<rootDir>/tests/support/global-setup.js',
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest'] },
  testMatch: ['<rootDir>/tests/ui/**/*.test.ts'],
  testTimeout: 300_000,
  // The launcher's output pipes keep jest's loop alive for a while after the stack has stopped
  // (afterAll waits for its exit and kills its whole session if need be).
  forceExit: true,
};
