// Lets a child process run the TypeScript sources directly (`node -r <this> apps/server/src/main.ts`):
// .ts files are transpiled with swc on load and `@praktijklus/<lib>` resolves to libs/<lib>/src.
// Node 20.19+ loads the ES-module-only dependencies (Nest 12, jose 6) through require() natively.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../..');
const aliasPattern = /^@praktijklus\/([a-z-]+)$/;

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, parent, isMain, options) {
  const alias = aliasPattern.exec(request);
  const target = alias ? path.join(root, 'libs', alias[1], 'src', 'index.ts') : request;
  return originalResolve.call(this, target, parent, isMain, options);
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
