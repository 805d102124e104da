// jsdom has no Fetch API classes; react-router's data router builds a Request for every navigation. Node's own
// implementations are handed to the test window.
const JsdomEnvironment = require('jest-environment-jsdom').default;

module.exports = class ConsoleJsdomEnvironment extends JsdomEnvironment {
  constructor(...args) {
    super(...args);
    for (const name of ['Request', 'Response', 'Headers', 'fetch', 'TextEncoder', 'TextDecoder', 'structuredClone']) {
      this.global[name] = globalThis[name];
    }
  }
};
