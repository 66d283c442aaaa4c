import { createRequire } from 'node:module';
import type * as Undici from 'undici';

/**
 * The parts of undici cardcheck uses, loaded from their own modules. undici's
 * index also loads fetch, WebSocket, EventSource, cookies, the mock agent and
 * the cache (~50–100 ms of every run's start-up on the 2-core bench machine);
 * none is used. The version is pinned exactly in package.json, and
 * undici-parts.test.ts checks these are the very classes undici's index
 * exports, so an upgrade that moves a file fails the tests, not a run.
 */
const require = createRequire(import.meta.url);

// What undici's index does to give every dispatcher its `request()` (and the other API methods).
const Dispatcher = require('undici/lib/dispatcher/dispatcher.js') as { prototype: object };
Object.assign(Dispatcher.prototype, require('undici/lib/api/index.js'));

export const Agent = require('undici/lib/dispatcher/agent.js') as typeof Undici.Agent;
export const ProxyAgent = require('undici/lib/dispatcher/proxy-agent.js') as typeof Undici.ProxyAgent;
export const errors = require('undici/lib/core/errors.js') as typeof Undici.errors;
