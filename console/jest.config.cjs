/** Console component tests: jsdom + Testing Library, compiled by swc. Browser tests live in e2e/ (see ../jest.config.js). */
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  displayName: 'console',
  rootDir: __dirname,
  testEnvironment: '<rootDir>/src/test-utils/jsdom-environment.cjs',
  testMatch: ['<rootDir>/{src,build}/**/*.test.{ts,tsx}'],
  transform: {
    '^.+\\.tsx?$': swc,
    'node_modules/.+\\.m?js$': '<rootDir>/src/test-utils/esm-package-transform.cjs',
  },
  // react-router ships ESM only; swc turns it into CommonJS for Jest like the app's own files.
  transformIgnorePatterns: ['/node_modules/(?!(react-router|cookie-es|@remix-run)/)'],
  moduleNameMapper: { '\\.css$': '<rootDir>/src/test-utils/style-stub.cjs' },
  setupFilesAfterEnv: ['<rootDir>/src/test-utils/setup.ts'],
};
