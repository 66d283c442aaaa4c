import type { SourcePos } from '../core/diagnostic.js';
import { isJsonObject } from '../core/json.js';
import { fromPointer } from '../util/json-pointer.js';
import { parseJsonBlock } from './json-block.js';
import { scanBlocks } from './markdown.js';

/**
 * Where, in the card's text, the schema keyword at `pointer` is written: the
 * schema starts at `schemaAt` (the `"schema"` value of the Expected Response
 * block, or the block itself when the schema stands alone). Read again from
 * the text only when a check fails, so a parsed card keeps no positions of
 * its schema's inside. Undefined when the place cannot be found.
 */
export function schemaKeywordPosition(text: string, schemaAt: SourcePos, pointer: string): SourcePos | undefined {
  const fence = scanBlocks(text, 0, 1).find(
    (b) =>
      b.kind === 'fence' &&
      b.contentLine <= schemaAt.line &&
      schemaAt.line < b.contentLine + b.content.split('\n').length,
  );
  if (fence?.kind !== 'fence') return undefined;
  const { json } = parseJsonBlock(fence.content, fence.contentLine, '', 'the schema');
  if (!json) return undefined;
  // The block's own "schema" when it has one (positionOf answers with the root for a key that is not there).
  const nested = isJsonObject(json.value) && 'schema' in json.value ? json.positionOf(['schema']) : undefined;
  const base = nested && nested.line === schemaAt.line && nested.column === schemaAt.column ? ['schema'] : [];
  const root = json.positionOf(base);
  const found = json.positionOf([...base, ...fromPointer(pointer)]);
  // positionOf answers with the root for a path it cannot find: then there is no better place than the schema.
  return found.line === root.line && found.column === root.column && pointer !== '' ? undefined : found;
}
