const { availableParallelism } = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 60000,
  // Longest suites first also on a fresh clone, where jest has no timings yet.
  testSequencer: '<rootDir>/jest.sequencer.js',
  // One worker more than cores: the end-to-end suites spend much of their time waiting on their child processes
  // (agents, the az stand-in, step timeouts), and a third worker keeps both cores of a 2-core machine busy. Measured
  // on a 2-core machine with a cold cache: jest took 425 s with 3 workers (1.88 cores busy), about 530 s with 2.
  maxWorkers: availableParallelism() + 1,
};
