// The integration project of the repository's jest.config.js as one flat configuration, for Stryker's jest runner:
// its per-test coverage wraps the top-level testEnvironment, which a multi-project configuration would bypass.
// stryker.config.mjs narrows testMatch to the suites of the features being mutated.
const path = require('node:path');
const { projects } = require('../jest.config.js');

const { displayName: _displayName, ...integration } = projects.find((p) => p.displayName === 'integration');

module.exports = { ...integration, rootDir: path.resolve(__dirname, '..') };
