// Loaded with `node --import` by tests: records the URL of every module the process loads
// into the file named by CARDCHECK_TRACE_MODULES, one per line.
import { register } from 'node:module';

register('./module-trace-hooks.mjs', import.meta.url);
