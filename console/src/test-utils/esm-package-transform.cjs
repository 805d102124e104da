// react-router ships ESM only and reads `import.meta.hot` (Vite's dev server); CommonJS has no import.meta, so it is
// blanked before swc turns the file into CommonJS for Jest.
const { createTransformer } = require('@swc/jest');

const swc = createTransformer({ jsc: { target: 'es2022' }, module: { type: 'commonjs' } });

module.exports = {
  process(source, path, options) {
    return swc.process(source.replace(/import\.meta/g, '({})'), path, options);
  },
  getCacheKey(source, path, options) {
    return `esm-package:${swc.getCacheKey(source.replace(/import\.meta/g, '({})'), path, options)}`;
  },
};
