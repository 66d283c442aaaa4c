import type { RuleDoc } from './rule-doc.js';

/** Rules about placeholders and the chaining of cards. */
export const PLACEHOLDER_RULES: RuleDoc[] = [
  // Placeholders and chaining
  {
    id: 'unresolved-placeholder',
    severity: 'error',
    what: "A placeholder nothing resolves: a `{{resolved.x}}`/`{{app.x}}` naming no declared UID field (the message lists the declared ones), an unknown namespace, or `{{response.…}}` outside the request's `cleanup`. Not checked in `status: skip` cards, since nothing is sent.",
    fix: 'Declare the field in the UID Resolution section (with `from_person` if only a person can produce it), or use one of the known forms.',
  },
  {
    id: 'unknown-function',
    severity: 'error',
    what: 'A `{{faker.<module>.<method>}}` placeholder names a faker module or function that does not exist, with "did you mean".',
    fix: 'Use a function from https://fakerjs.dev/api/, e.g. {{faker.internet.email}}.',
  },
  {
    id: 'missing-card',
    severity: 'error',
    what: 'A `{{card.<id>.…}}` placeholder names a card that is not among the cards of the run.',
    fix: "Include that card in the run (its file or folder), or fix the id: a card's id is its front-matter `id`, else its file name without extension.",
  },
  {
    id: 'chain-cycle',
    severity: 'error',
    what: "Cards need each other's values in a circle (or a card uses its own values through `{{card.<its id>.…}}`).",
    fix: 'Move the shared value into one card, and let the others use it.',
  },
  {
    id: 'needs-unavailable',
    severity: 'error',
    what: 'The card uses values of a card that will not run, because that card is skipped or has errors.',
    fix: 'Fix the card it needs (the message says why it will not run), or stop using its values.',
  },
  {
    id: 'unknown-auth-profile',
    severity: 'error',
    what: 'A card (front-matter `auth`), a request (`"auth"`) or a folder in cardcheck.config.yaml names an auth profile the config does not define.',
    fix: 'Define the profile under `auth:` in cardcheck.config.yaml, fix the name, or use "none".',
  },
  {
    id: 'missing-env',
    severity: 'error',
    when: 'run',
    what: 'Checked by `cardcheck run`, not by lint: a `{{env.NAME}}` placeholder, or an auth profile the card uses, needs an environment variable that is not set. The card errors before anything is sent.',
    fix: 'Set the variable in the environment or in the file given to --env-file (./.env is read when present).',
  },
  {
    id: 'duplicate-card',
    severity: 'warning',
    what: 'Two cards send the same request (method, path, query, headers, body, auth) with the same expectation; the message names the other file. Several scenarios for one endpoint are normal and not duplicates.',
    fix: 'Delete one of the two, or make them test different scenarios.',
  },
];
