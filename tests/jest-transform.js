/**
 * Jest transform for TypeScript: esbuild strips the types (the project already uses it to build
 * the functions). Type errors are tsc's job in `npm run typecheck`, not the test runner's.
 */
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
    });
    return { code, map };
  },
};
