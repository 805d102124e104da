/** `npm test` runs every project: the server's unit and integration tests (the console's join later). */
module.exports = {
  projects: ['<rootDir>/server'],
  // Integration tests boot PostgreSQL databases and the built product; none of them is a timing assertion.
  testTimeout: 60_000,
};
