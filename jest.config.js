/** `npm test` runs every project: the server's unit and integration tests, the console's component tests and its browser tests. */
module.exports = {
  projects: ['<rootDir>/server', '<rootDir>/console/jest.config.cjs', '<rootDir>/console/e2e/jest.config.cjs'],
  // Integration tests boot PostgreSQL databases and the built product; none of them is a timing assertion.
  testTimeout: 60_000,
};
