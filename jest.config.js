/** `npm test` runs every project: the server's unit and integration tests (the console's join later). */
module.exports = {
  projects: ['<rootDir>/server'],
};
