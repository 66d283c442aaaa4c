/** What a placeholder's expression refers to. */
export type PlaceholderRef =
  | { ns: 'timestamp' }
  | { ns: 'field'; name: string }
  | { ns: 'env'; name: string }
  | { ns: 'response'; path: string }
  | { ns: 'unknown'; expr: string };

export const KNOWN_FORMS = ['{{timestamp}}', '{{resolved.<field>}}', '{{app.<field>}}', '{{env.<NAME>}}'];

export function classifyExpr(expr: string): PlaceholderRef {
  if (expr === 'timestamp') return { ns: 'timestamp' };
  const dot = expr.indexOf('.');
  const ns = dot > 0 ? expr.slice(0, dot) : '';
  const rest = expr.slice(dot + 1);
  if ((ns === 'resolved' || ns === 'app') && rest) return { ns: 'field', name: rest };
  if (ns === 'env' && rest) return { ns: 'env', name: rest };
  if (ns === 'response' && rest) return { ns: 'response', path: rest };
  return { ns: 'unknown', expr };
}
