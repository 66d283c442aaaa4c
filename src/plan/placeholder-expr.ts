/** What a placeholder's expression refers to. */
export type PlaceholderRef =
  | { ns: 'timestamp' }
  | { ns: 'uuid' }
  | { ns: 'faker'; module: string; method: string }
  | { ns: 'field'; name: string }
  | { ns: 'env'; name: string }
  | { ns: 'response'; path: string }
  | { ns: 'card'; id: string; path: string }
  /** RFC 7636 proof key of the card execution: the verifier, or its S256 challenge. */
  | { ns: 'pkce'; part: 'verifier' | 'challenge' }
  | { ns: 'unknown'; expr: string };

export const KNOWN_FORMS = [
  '{{timestamp}}',
  '{{uuid}}',
  '{{faker.<module>.<method>}}',
  '{{resolved.<field>}}',
  '{{app.<field>}}',
  '{{env.<NAME>}}',
  '{{card.<id>.response.<path>}}',
  '{{card.<id>.resolved.<field>}}',
  '{{pkce.verifier}}',
  '{{pkce.challenge}}',
];

export function classifyExpr(expr: string): PlaceholderRef {
  if (expr === 'timestamp') return { ns: 'timestamp' };
  if (expr === 'uuid') return { ns: 'uuid' };
  if (expr === 'pkce.verifier' || expr === 'pkce.challenge')
    return { ns: 'pkce', part: expr === 'pkce.verifier' ? 'verifier' : 'challenge' };
  const dot = expr.indexOf('.');
  const ns = dot > 0 ? expr.slice(0, dot) : '';
  const rest = expr.slice(dot + 1);
  if ((ns === 'resolved' || ns === 'app') && rest) return { ns: 'field', name: rest };
  if (ns === 'env' && rest) return { ns: 'env', name: rest };
  if (ns === 'response' && rest) return { ns: 'response', path: rest };
  if (ns === 'faker') {
    const [module = '', method = '', ...more] = rest.split('.');
    if (module && method && more.length === 0) return { ns: 'faker', module, method };
  }
  if (ns === 'card') {
    const i = rest.indexOf('.');
    if (i > 0 && /^(response|resolved)\.\S/.test(rest.slice(i + 1)))
      return { ns: 'card', id: rest.slice(0, i), path: rest.slice(i + 1) };
  }
  return { ns: 'unknown', expr };
}
