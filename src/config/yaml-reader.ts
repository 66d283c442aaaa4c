import type { Document, Node } from 'yaml';
import { isMap, isScalar } from 'yaml';
import type { Diagnostic, SourcePos } from '../core/diagnostic.js';
import type { SourceFile } from '../core/source.js';
import { didYouMean } from '../util/did-you-mean.js';

/** Typed, located reads from a parsed YAML document (of `source`'s text); problems become diagnostics. */
export class YamlReader {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly doc: Document,
    private readonly source: SourceFile,
  ) {}

  private node(path: string[]): Node | undefined {
    return (path.length ? this.doc.getIn(path, true) : this.doc.contents) as Node | undefined;
  }

  private pos(path: string[]): SourcePos {
    // Point at the key when there is one, else at the value.
    let n: Node | undefined;
    if (path.length) {
      const parent = this.node(path.slice(0, -1));
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === path[path.length - 1]);
        n = (pair?.key as Node | undefined) ?? undefined;
      }
    }
    n ??= this.node(path);
    return this.source.positionAt(n?.range?.[0] ?? 0);
  }

  /** Where the setting at `path` is written (its key when it has one). */
  position(path: string[]): SourcePos {
    return this.pos(path);
  }

  lineOf(path: string[]): number {
    return this.pos(path).line;
  }

  error(path: string[], ruleId: string, message: string, hint: string, severity: 'error' | 'warning' = 'error'): void {
    this.diagnostics.push({ ruleId, severity, file: this.source.path, ...this.pos(path), message, hint });
  }

  map(path: string[]): Record<string, unknown> | undefined {
    const n = this.node(path);
    if (n === undefined || n === null) return undefined;
    if (!isMap(n)) {
      this.error(
        path,
        'config-invalid-value',
        `"${path.join('.')}" must be a mapping of names to settings`,
        'Indent the entries under the key, one `name: value` per line.',
      );
      return undefined;
    }
    // The document's aliases are bounded before it is read (util/yaml-bounds.ts): yaml's own count would throw.
    return n.toJS(this.doc, { maxAliasCount: -1 }) as Record<string, unknown>;
  }

  string(path: string[]): string | undefined {
    const n = this.node(path);
    if (n === undefined) return undefined;
    if (isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number')) return String(n.value);
    this.error(path, 'config-invalid-value', `"${path.join('.')}" must be a string`, 'Quote the value.');
    return undefined;
  }

  bool(path: string[]): boolean | undefined {
    const n = this.node(path);
    if (n === undefined) return undefined;
    if (isScalar(n) && typeof n.value === 'boolean') return n.value;
    this.error(
      path,
      'config-invalid-value',
      `"${path.join('.')}" must be true or false`,
      'Write true or false without quotes.',
    );
    return undefined;
  }

  /** Warn about keys not in `known`, with "did you mean". */
  keys(path: string[], known: readonly string[]): void {
    const n = this.node(path);
    if (!isMap(n)) return;
    for (const pair of n.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (known.includes(key)) continue;
      const near = didYouMean(key, known);
      this.error(
        [...path, key],
        'config-unknown-key',
        `unknown key "${key}"${path.length ? ` in ${path.join('.')}` : ''}`,
        near ? `Did you mean "${near}"?` : `Known keys: ${known.join(', ')}.`,
        'warning',
      );
    }
  }
}
