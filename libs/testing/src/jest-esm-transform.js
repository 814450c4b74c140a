// Nest 12, jose 6 and friends ship ES modules only; Jest on Node 20 cannot require() them, so this
// transform rewrites ES-module files from node_modules to CommonJS with swc and leaves the rest as is.
const fs = require('node:fs');
const path = require('node:path');
const { createTransformer } = require('@swc/jest');

const swc = createTransformer({
  jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
  module: { type: 'commonjs', ignoreDynamic: false },
  sourceMaps: false,
});

const moduleTypeByDir = new Map();

function packageTypeOf(dir) {
  if (moduleTypeByDir.has(dir)) return moduleTypeByDir.get(dir);
  let type = 'commonjs';
  const manifest = path.join(dir, 'package.json');
  if (fs.existsSync(manifest)) {
    try {
      type = JSON.parse(fs.readFileSync(manifest, 'utf8')).type === 'module' ? 'module' : 'commonjs';
    } catch {
      type = 'commonjs';
    }
  } else {
    const parent = path.dirname(dir);
    type = parent === dir ? 'commonjs' : packageTypeOf(parent);
  }
  moduleTypeByDir.set(dir, type);
  return type;
}

function isEsModule(file) {
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs')) return false;
  return packageTypeOf(path.dirname(file)) === 'module';
}

module.exports = {
  process(source, file, options) {
    if (!isEsModule(file)) return { code: source };
    // `require` may be shadowed by `const require = createRequire(import.meta.url)`, so none here.
    const patched = source
      .replace(/import\.meta\.url/g, "('file://' + __filename)")
      .replace(/import\.meta\.dirname/g, '__dirname')
      .replace(/import\.meta\.filename/g, '__filename');
    return swc.process(patched, file, options);
  },
  getCacheKey(source, file, options) {
    return `esm-cjs-2:${isEsModule(file)}:${swc.getCacheKey(source, file, options)}`;
  },
};
