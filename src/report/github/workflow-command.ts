/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`),
 * escaped as the Actions toolkit does: in the message `%`, CR and LF; in
 * property values also `:` and `,`, which would otherwise end the value.
 */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  file: string;
  line: number;
  col?: number;
  title: string;
  message: string;
}

export function formatAnnotation(a: Annotation): string {
  const props = [
    `file=${escapeProperty(a.file)}`,
    `line=${a.line}`,
    ...(a.col ? [`col=${a.col}`] : []),
    `title=${escapeProperty(a.title)}`,
  ];
  return `::${a.level} ${props.join(',')}::${escapeData(a.message)}`;
}
