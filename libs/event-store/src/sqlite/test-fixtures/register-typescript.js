// Lets a plain `node` child process load the adapter's TypeScript source, compiled on the fly by
// @swc/core (already a dev dependency, as Jest uses it), so the child runs the real adapter.
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
