/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (node -r) has only require */
// Lets a child process run the worker straight from the TypeScript sources, compiled by swc exactly
// as Jest and the build do (decorator metadata on) and with the `@accord/<lib>` aliases resolved —
// so a test can start a real worker process and kill it with SIGKILL.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../..');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const alias = /^@accord\/([^/]+)$/.exec(request);
  return resolveFilename.call(
    this,
    alias ? path.join(root, 'libs', alias[1], 'src', 'index.ts') : request,
    parent,
    ...rest,
  );
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
