/**
 * tesseract's TSV (one row per word, with its box and confidence) as the lines of the page. A
 * line's text is kept without spaces (tesseract puts them between Chinese characters, and inside a
 * long number it misjudges as two words) with each character's confidence, so that a field cut out
 * of a line carries the confidence of its own characters.
 */
export interface OcrLine {
  /** the line's characters, no white space */
  text: string;
  /** one confidence (0–100) per character of text */
  confidences: number[];
}

const LEVEL_WORD = '5';

export function linesOfTsv(tsv: string): OcrLine[] {
  const lines = new Map<string, OcrLine>();
  for (const row of tsv.split('\n').slice(1)) {
    const cols = row.split('\t');
    if (cols.length < 12 || cols[0] !== LEVEL_WORD) continue;
    const word = cols.slice(11).join('\t').replace(/\s+/g, '');
    const conf = Number(cols[10]);
    if (!word || !Number.isFinite(conf) || conf < 0) continue;
    const key = `${cols[1]}.${cols[2]}.${cols[3]}.${cols[4]}`;
    const line = lines.get(key) ?? { text: '', confidences: [] };
    line.text += word;
    for (let i = 0; i < word.length; i++) line.confidences.push(conf);
    lines.set(key, line);
  }
  return [...lines.values()];
}

/** Lines from plain text (each character at the confidence given): for the unit tests' transcripts. */
export const linesOfText = (text: string, confidence = 90): OcrLine[] =>
  text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ''))
    .filter(Boolean)
    .map((l) => ({ text: l, confidences: Array.from(l, () => confidence) }));

/** The mean confidence of a line's characters from `start` (inclusive) to `end` (exclusive), rounded. */
export function confidenceOf(line: OcrLine, start: number, end: number): number {
  const slice = line.confidences.slice(start, Math.max(end, start + 1));
  if (!slice.length) return 0;
  return Math.round(slice.reduce((a, b) => a + b, 0) / slice.length);
}
