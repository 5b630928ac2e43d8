/**
 * Preload for running electronegativity 1.10.3 offline (docs/security.md): its locale lookup
 * goes to the network through `got`, and got's retry crashes the scanner when there is none.
 * Here `got` rejects at once, so the scanner uses its bundled en-US messages. Usage:
 *   NODE_OPTIONS="--require ./scripts/electronegativity-offline.cjs" \
 *     npx -y @doyensec/electronegativity@1.10.3 -i electron -e 45.4.0 -r -x AvailableSecurityFixesGlobalCheck
 */
'use strict';
// A --require preload is CommonJS by nature.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require('node:module');

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'got') {
    const offline = () => Promise.reject(Object.assign(new Error('offline'), { code: 'ENOTFOUND' }));
    return Object.assign(offline, { default: offline });
  }
  return load.call(this, request, parent, isMain);
};
