/** Jest config of the corpus recorder alone (npm run histories:record); the test tiers never run it. */
const base = require('../../jest.config.js');
const integration = base.projects.find((p) => p.displayName === 'integration');

module.exports = {
  rootDir: '../..',
  ...integration,
  displayName: 'histories',
  testMatch: ['<rootDir>/test/histories/record.histories.ts'],
  testTimeout: 600000,
};
