/**
 * What a terminal shows after these writes: a tiny model of the cursor
 * movements the console reporter uses (cursor up, erase line, newline).
 */
export function screenOf(writes: readonly string[]): string[] {
  const screen: string[] = [''];
  let row = 0;
  const stream = writes.map((w) => `${w}\n`).join('');
  const tokens = stream.match(/\u001b\[1A|\u001b\[2K|\u001b\[\d+(?:;\d+)*m|\n|[^\u001b\n]+/g) ?? [];
  for (const t of tokens) {
    if (t === '\u001b[1A') row = Math.max(0, row - 1);
    else if (t === '\u001b[2K') screen[row] = '';
    else if (t.startsWith('\u001b[')) continue;
    else if (t === '\n') {
      row++;
      if (screen[row] === undefined) screen[row] = '';
    } else screen[row] = (screen[row] ?? '') + t;
  }
  while (screen.length && screen.at(-1) === '') screen.pop();
  return screen;
}
