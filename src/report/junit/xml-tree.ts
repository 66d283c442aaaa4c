/** An XML element tree: built first, serialized and escaped in one place. */
export interface XmlElement {
  name: string;
  attrs: [string, string][];
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export type AttrValue = string | number | undefined;

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** An element; attributes whose value is undefined are left out, in the order given. */
export function element(name: string, attrs: Record<string, AttrValue> = {}, children: XmlNode[] = []): XmlElement {
  const list: [string, string][] = [];
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) list.push([k, String(v)]);
  return { name, attrs: list, children };
}

/**
 * Characters XML 1.0 cannot hold at all (C0 controls other than tab, newline
 * and carriage return, U+FFFE, U+FFFF, unpaired surrogates), shown as `\xHH`
 * or U+FFFD so the text stays readable and the document stays well-formed.
 */
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function replaceForbidden(text: string): string {
  return text.replace(FORBIDDEN, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0').toUpperCase()}` : '\uFFFD';
  });
}

export function escapeText(text: string): string {
  return replaceForbidden(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also keep their tabs and line breaks (a parser would otherwise turn them into spaces). */
export function escapeAttr(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

const attrsOf = (node: XmlElement) => node.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');

function serializeNode(node: XmlNode, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  if (typeof node === 'string') {
    out.push(`${pad}${escapeText(node)}`);
    return;
  }
  const attrs = attrsOf(node);
  if (node.children.length === 0) {
    out.push(`${pad}<${node.name}${attrs}/>`);
  } else if (node.children.some((c) => typeof c === 'string')) {
    // Mixed or text content: written inline so no whitespace is added to the text.
    const inner: string[] = [];
    for (const c of node.children) {
      if (typeof c === 'string') inner.push(escapeText(c));
      else {
        const parts: string[] = [];
        serializeNode(c, 0, parts);
        inner.push(parts.join(''));
      }
    }
    out.push(`${pad}<${node.name}${attrs}>${inner.join('')}</${node.name}>`);
  } else {
    out.push(`${pad}<${node.name}${attrs}>`);
    for (const c of node.children) serializeNode(c, depth + 1, out);
    out.push(`${pad}</${node.name}>`);
  }
}

/** One node at a depth (two spaces each), for a document written in pieces: no final newline. */
export function serializeAt(node: XmlNode, depth: number): string {
  const out: string[] = [];
  serializeNode(node, depth, out);
  return out.join('\n');
}

/** The start tag of an element whose children are written after it, each at depth + 1. */
export function openTag(node: XmlElement, depth: number): string {
  return `${'  '.repeat(depth)}<${node.name}${attrsOf(node)}>`;
}

export function closeTag(node: XmlElement, depth: number): string {
  return `${'  '.repeat(depth)}</${node.name}>`;
}
