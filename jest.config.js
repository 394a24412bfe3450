/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 60000,
  // Longest suites first also on a fresh clone, where jest has no timings yet.
  testSequencer: '<rootDir>/jest.sequencer.js',
  // Tests start loopback servers and child processes; two workers fit the 2-core machines.
  maxWorkers: 2,
};
