// Jest projects mirror the testing layers of the design (DESIGN.md, "Testing layers").
// `npm test` runs them all; `npx jest --selectProjects unit` runs one.
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest'] },
};
const layer = (name, dir, extra = {}) => ({
  ...base,
  displayName: name,
  testMatch: [`<rootDir>/tests/${dir}/**/*.test.ts`],
  ...extra,
});
module.exports = {
  // One global setup provisions the servers and bundles the workflow code once per run.
  globalSetup: '<rootDir>/tests/support/global-setup.js',
  maxWorkers: 2,
  // Servers start, bundles load and workflows skip days of time: well past jest's 5 s default.
  testTimeout: 120_000,
  projects: [
    layer('unit', 'unit'),
    layer('workflow', 'workflows', { setupFilesAfterEnv: ['<rootDir>/tests/support/retry-once.ts'] }),
    layer('activity', 'activities'),
    layer('api', 'api'),
    layer('replay', 'replay'),
    layer('e2e', 'e2e'),
  ],
};
