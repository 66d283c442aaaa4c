/**
 * Cards for the benchmarks, generated in memory from the seed cards and the
 * specs/ cards: each gets its own file name, endpoint path, title, body
 * values, extra UID rows, and now and then assertions, vendor-style response
 * examples, CRLF line endings or a BOM, so no two cards are the same text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
// The sandbox's seeded PRNG (mulberry32), from the build `npm run bench` makes first, so every run times the same cards.
import { seededRandom } from '../../dist/util/seeded-random.js';

function readBases(root) {
  const seeds = ['000_e5b2871b98d23f98.txt', '001_6e7fb2f22a9061ea.txt'].map((f) =>
    path.join(root, 'fixtures/seeds', f),
  );
  const specsRoot = path.join(root, 'specs');
  const specs = readdirSync(specsRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(specsRoot, d.name))
        .filter((f) => f.endsWith('.md') && f !== 'README.md')
        .map((f) => path.join(specsRoot, d.name, f)),
    )
    .sort();
  return [...seeds, ...specs].map((f) => readFileSync(f, 'utf8'));
}

const ASSERT_BLOCK = (i) => `
## Expected Response

\`\`\`json
{
  "status": [200, 201],
  "schema": { "type": "object", "required": ["data"] },
  "assert": [
    { "path": "data.name", "equals": "Bench ${i}" },
    { "header": "content-type", "matches": "json" },
    { "path": "data.items[0].id", "exists": true }
  ],
  "maxDurationMs": ${1000 + (i % 9) * 250}
}
\`\`\`
`;

const EXAMPLES_BLOCK = (i) => `
## Responses

**200 Operation succeeded**

\`\`\`json
{ "data": { "id": "${i}", "name": "bench-${i}", "created_at": "2026-01-25T05:30:54.250Z", "owner": "dev${i}@example.com", "tags": ["a", "b"] } }
\`\`\`

**400 Bad request**

\`\`\`json
{ "error": "invalid_request", "error_description": "field ${i} is wrong" }
\`\`\`
`;

/** One varied card from a base card. */
function vary(base, i, random) {
  const version = 1 + Math.floor(random() * 5);
  const resource = ['apps', 'clients', 'keys', 'tokens', 'hooks'][Math.floor(random() * 5)];
  // Every card gets its own paths: the endpoint and each request object's path
  // move under a per-card prefix (so endpoint and template still agree).
  const prefix = `/b${i}/v${version}/${resource}`;
  let text = base
    .replace(/^endpoint: (\w+) \//m, `endpoint: $1 ${prefix}/`)
    .replaceAll('"path": "/', `"path": "${prefix}/`)
    .replaceAll('/platform/v1/apps', `/platform/v${version}/${resource}${i}`)
    .replace(/^# (.*)$/m, (_m, title) => `# ${title} (variant ${i})`)
    .replaceAll('"name": "', `"name": "n${i} `)
    .replaceAll('example.com', `host${i % 97}.example.com`);
  // Extra rows in whichever UID table the card has.
  const rows = Math.floor(random() * 4);
  for (let r = 0; r < rows; r++) {
    text = text
      .replace(
        /(\| Field \| Source \| Notes \|\n\|[-| ]+\|\n)/,
        `$1| extra_${r} | \`GET /lookup/${i}/${r}\` → \`data[0].id\` | looked up ${r} |\n`,
      )
      .replace(
        /(\| UID Field \|.*\n\|[-| ]+\|\n)/,
        `$1| extra_${r} | GET /lookup/${i}/${r} | data.id | - | no cleanup |\n`,
      );
  }
  // More body keys in the Request Template.
  const keys = Math.floor(random() * 6);
  if (keys) {
    const extra = Array.from({ length: keys }, (_, k) => `    "field_${k}": "value ${i}.${k} {{timestamp}}"`).join(
      ',\n',
    );
    text = text.replace(/("body": \{\n)/, `$1${extra},\n`);
  }
  const roll = random();
  if (roll < 0.15) text += ASSERT_BLOCK(i);
  else if (roll < 0.3) text += EXAMPLES_BLOCK(i);
  if (random() < 0.1) text = text.replaceAll('\n', '\r\n');
  if (random() < 0.05) text = `\ufeff${text}`;
  return text;
}

/** `count` cards as `{ file, bytes }`, the same ones on every run. */
export function generateCards(root, count) {
  const bases = readBases(root);
  const random = seededRandom(20260125);
  const encoder = new TextEncoder();
  return Array.from({ length: count }, (_, i) => {
    const api = ['vcita', 'rocketchat', 'youhodler'][i % 3];
    return {
      file: `bench/cards/${api}/card-${String(i).padStart(5, '0')}.md`,
      bytes: encoder.encode(vary(bases[i % bases.length], i, random)),
    };
  });
}
