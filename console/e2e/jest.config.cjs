/**
 * Browser tests: the built server (server/dist) and console (console/dist) on a fresh database with the Stripe
 * sandbox, driven by playwright-core through Debian's Chromium. Skipped, with a one-line note, where Chromium is missing.
 */
const path = require('node:path');

const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
const serverSupport = path.join(__dirname, '..', '..', 'server', 'test', 'support');

module.exports = {
  displayName: 'browser',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.browser-spec.ts'],
  transform: { '^.+\\.ts$': swc },
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: path.join(serverSupport, 'global-teardown.ts'),
  testTimeout: 120_000,
};
