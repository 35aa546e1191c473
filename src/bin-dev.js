#!/usr/bin/env node
// src/bin.ts run straight from the sources through tsx, with no build: what the tests spawn (they then always
// run the code as it is now, never a stale dist/) and a quick way to try a change. Installed, the command is
// the compiled dist/src/bin.js.
import { register } from 'tsx/esm/api';

register();
await import('./bin.ts');
