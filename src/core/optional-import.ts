import { CardcheckError } from './errors.js';

/**
 * A feature whose packages are optional peer dependencies of cardcheck: a
 * user who runs cards against their own API never installs them. `install`
 * is what to add, `name@major`; package.json's peerDependencies hold the
 * ranges (a test keeps the two in step).
 */
export interface OptionalFeature {
  /** What needs the packages, as the message says it: "the embedded sandbox". */
  readonly what: string;
  readonly install: readonly string[];
}

/** `cardcheck sandbox`, `--target sandbox` and the programmatic startSandbox. */
export const SANDBOX_PACKAGES: OptionalFeature = {
  what: 'the embedded sandbox (cardcheck sandbox, --target sandbox)',
  install: ['fastify@5', '@fastify/formbody@9', 'jose@6'],
};

/** Browser flows (`run --browser`). */
export const BROWSER_PACKAGES: OptionalFeature = {
  what: 'a browser flow (run --browser)',
  install: ['playwright-core@1'],
};

/** `@fastify/formbody@9` → `@fastify/formbody`. */
export const packageName = (spec: string): string => /^@?[^@]+/.exec(spec)?.[0] ?? spec;

/** The package a failed import could not find, when it is one of the feature's. */
function missingPackage(err: unknown, names: readonly string[]): string | undefined {
  if (!(err instanceof Error) || (err as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') return undefined;
  // Node: "Cannot find package 'fastify' imported from /…/dist/sandbox/server.js"
  const m = /Cannot find package '([^']+)'/.exec(err.message);
  return names.find((n) => n === m?.[1]);
}

/** The message when one of a feature's packages is not installed. */
export function missingMessage(feature: OptionalFeature, missing: string): string {
  const names = feature.install.map(packageName);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${feature.what} needs ${list}, optional packages cardcheck does not install itself (${missing} is missing): npm install -D ${feature.install.join(' ')}`;
}

/**
 * Loads what needs a feature's optional packages. When one of them is not
 * installed, fails with a `local-state` error (exit 2) naming what to
 * install; any other failure is passed on as it is.
 */
export async function importOptional<T>(feature: OptionalFeature, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    const missing = missingPackage(err, feature.install.map(packageName));
    if (missing) throw new CardcheckError('local-state', missingMessage(feature, missing));
    throw err;
  }
}
