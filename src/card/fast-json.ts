import type { Node } from 'jsonc-parser';
import type { JsonObject, JsonValue } from '../core/json.js';

/**
 * One pass over strict JSON (RFC 8259, what JSON.parse accepts) that returns
 * both the value, as JSON.parse builds it, and the syntax tree, as
 * jsonc-parser's parseTree builds it (same node types, offsets, lengths,
 * colon offsets, children and parents), so cards can say where things are.
 * About three times faster than the two apart, and far less garbage.
 *
 * It gives up (undefined) on anything else: invalid JSON, whose errors
 * jsonc-parser locates, a `__proto__` key (getNodeValue and JSON.parse
 * disagree on it), or nesting deeper than `maxDepth`. A test compares it with
 * JSON.parse + parseTree on generated JSON.
 */
export function parseJsonFast(text: string, maxDepth: number): { value: JsonValue; root: Node } | undefined {
  try {
    const p = new Parser(text, maxDepth);
    p.space();
    const root = p.value(undefined, 0);
    const value = p.v;
    p.space();
    if (p.i !== text.length) return undefined;
    delete root.parent;
    return { value, root: root as Node };
  } catch (err) {
    if (err === GIVE_UP) return undefined;
    throw err;
  }
}

const GIVE_UP = new Error('not strict JSON');

/** jsonc-parser's Node, writable while the tree is built. */
interface TreeNode {
  type: Node['type'];
  value?: unknown;
  offset: number;
  length: number;
  colonOffset?: number;
  parent?: TreeNode;
  children?: TreeNode[];
}


const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class Parser {
  i = 0;
  /** The value of the node the last call returned (kept here rather than in a wrapper object per value). */
  v: JsonValue = null;

  constructor(private readonly text: string, private readonly maxDepth: number) {}

  space(): void {
    const t = this.text;
    let i = this.i;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  value(parent: TreeNode | undefined, depth: number): TreeNode {
    const c = this.text.charCodeAt(this.i);
    if (c === 123) return this.object(parent, depth + 1);
    if (c === 91) return this.array(parent, depth + 1);
    if (c === 34) {
      const offset = this.i;
      const value = this.string();
      this.v = value;
      return { type: 'string', offset, length: this.i - offset, parent, value };
    }
    return this.literal(parent);
  }

  private literal(parent: TreeNode | undefined): TreeNode {
    const t = this.text;
    const offset = this.i;
    switch (t.charCodeAt(offset)) {
      case 116: return this.word('true', true, 'boolean', parent);
      case 102: return this.word('false', false, 'boolean', parent);
      case 110: return this.word('null', null, 'null', parent);
      default: {
        NUMBER.lastIndex = offset;
        const m = NUMBER.exec(t);
        if (!m) throw GIVE_UP;
        this.i += m[0].length;
        const value = Number(m[0]);
        this.v = value;
        return { type: 'number', offset, length: m[0].length, parent, value };
      }
    }
  }

  private word(w: string, value: boolean | null, type: 'boolean' | 'null', parent: TreeNode | undefined): TreeNode {
    const offset = this.i;
    if (!this.text.startsWith(w, offset)) throw GIVE_UP;
    this.i += w.length;
    this.v = value;
    return { type, offset, length: w.length, parent, value };
  }

  private string(): string {
    const t = this.text;
    let i = this.i + 1;
    let start = i;
    let out = '';
    let escaped = false;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 34) break;
      if (Number.isNaN(c) || c < 0x20) throw GIVE_UP;
      if (c === 92) {
        escaped = true;
        out += t.slice(start, i);
        const e = t[i + 1] ?? '';
        if (e === 'u') {
          const hex = t.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw GIVE_UP;
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const ch = ESCAPES[e];
          if (ch === undefined) throw GIVE_UP;
          out += ch;
          i += 2;
        }
        start = i;
        continue;
      }
      i++;
    }
    this.i = i + 1;
    return escaped ? out + t.slice(start, i) : t.slice(start, i);
  }

  private object(parent: TreeNode | undefined, depth: number): TreeNode {
    if (depth > this.maxDepth) throw GIVE_UP;
    const t = this.text;
    const children: TreeNode[] = [];
    const node: TreeNode = { type: 'object', offset: this.i, length: -1, parent, children };
    const value: JsonObject = {};
    this.i++;
    this.space();
    if (t.charCodeAt(this.i) !== 125) {
      for (;;) {
        if (t.charCodeAt(this.i) !== 34) throw GIVE_UP;
        const keyOffset = this.i;
        const key = this.string();
        if (key === '__proto__') throw GIVE_UP;
        const pair: TreeNode[] = [];
        const property: TreeNode = { type: 'property', offset: keyOffset, length: -1, parent: node, children: pair };
        pair.push({ type: 'string', value: key, offset: keyOffset, length: this.i - keyOffset, parent: property });
        this.space();
        if (t.charCodeAt(this.i) !== 58) throw GIVE_UP;
        property.colonOffset = this.i;
        this.i++;
        this.space();
        pair.push(this.value(property, depth));
        property.length = this.i - keyOffset;
        children.push(property);
        value[key] = this.v;
        this.space();
        const c = t.charCodeAt(this.i);
        if (c === 44) {
          this.i++;
          this.space();
          continue;
        }
        if (c === 125) break;
        throw GIVE_UP;
      }
    }
    this.i++;
    node.length = this.i - node.offset;
    this.v = value;
    return node;
  }

  private array(parent: TreeNode | undefined, depth: number): TreeNode {
    if (depth > this.maxDepth) throw GIVE_UP;
    const t = this.text;
    const children: TreeNode[] = [];
    const node: TreeNode = { type: 'array', offset: this.i, length: -1, parent, children };
    const value: JsonValue[] = [];
    this.i++;
    this.space();
    if (t.charCodeAt(this.i) !== 93) {
      for (;;) {
        children.push(this.value(node, depth));
        value.push(this.v);
        this.space();
        const c = t.charCodeAt(this.i);
        if (c === 44) {
          this.i++;
          this.space();
          continue;
        }
        if (c === 93) break;
        throw GIVE_UP;
      }
    }
    this.i++;
    node.length = this.i - node.offset;
    this.v = value;
    return node;
  }
}
