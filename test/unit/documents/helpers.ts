import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultDocument } from '../../../server/documents/index.ts';

/** A decision as the food-business licensing item issues it. */
export function sampleDecision(overrides: Partial<ResultDocument> = {}): ResultDocument {
  return {
    title: '准予行政许可决定书',
    documentNo: '长审批准字〔2026〕第118号',
    recipient: '长沙市芙蓉区张记餐饮店',
    paragraphs: [
      '你单位于2026年11月16日提出的食品经营许可申请，本机关已于当日受理。经审查，申请材料齐全、符合法定形式，现场核查符合食品经营许可条件。',
      '根据《中华人民共和国行政许可法》第三十八条第一款的规定，本机关决定准予你单位的食品经营许可申请。',
    ],
    fields: [
      { label: '许可事项', value: '食品经营许可（新办）' },
      { label: '经营场所', value: '长沙市芙蓉区五一大道123号' },
    ],
    issuer: '长沙市行政审批服务局',
    issuedAt: new Date('2026-11-23T10:00:00+08:00'),
    ...overrides,
  };
}

export interface ToolRun {
  status: number;
  stdout: string;
}

/**
 * Runs one of poppler-utils, qpdf or openssl (scripts/setup.sh installs them) on files written to
 * a temporary folder; returns its exit status and its output (stdout, then stderr) rather than
 * throwing on a non-zero exit.
 */
export function runTool(command: string, args: (string | { file: Buffer | string; name: string })[]): ToolRun {
  const dir = mkdtempSync(join(tmpdir(), 'documents-test-'));
  try {
    const argv = args.map((arg) => {
      if (typeof arg === 'string') return arg;
      const path = join(dir, arg.name);
      writeFileSync(path, arg.file);
      return path;
    });
    const run = spawnSync(command, argv, { cwd: dir, encoding: 'utf8' });
    if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') throw new Error(`${command} is not installed; run bash scripts/setup.sh`);
    return { status: run.status ?? -1, stdout: run.stdout + run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF as pdftotext reads it, with line breaks and spaces removed so wrapped sentences match. */
export function pdfText(pdf: Buffer): string {
  const run = runTool('pdftotext', [{ file: pdf, name: 'in.pdf' }, '-']);
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stdout}`);
  return run.stdout.replace(/\s+/g, '');
}

/** One page rasterised by pdftoppm at 2 pixels a millimetre, to ask what colour a point of the page is. */
export function pageRaster(pdf: Buffer, page = 1): { rgbAtMm(xMm: number, yMm: number): [number, number, number] } {
  const dir = mkdtempSync(join(tmpdir(), 'documents-test-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const ppm = execFileSync('pdftoppm', ['-r', '50.8', '-f', String(page), '-l', String(page), join(dir, 'in.pdf')]);
    // binary PPM: "P6\n<width> <height>\n255\n" then RGB triples
    const header = ppm.toString('latin1', 0, 32).match(/^P6\s+(\d+)\s+(\d+)\s+255\s/);
    if (!header) throw new Error('pdftoppm wrote no PPM');
    const width = Number(header[1]);
    const offset = header[0].length;
    return {
      rgbAtMm(xMm, yMm) {
        const at = offset + (Math.round(yMm * 2) * width + Math.round(xMm * 2)) * 3;
        return [ppm[at], ppm[at + 1], ppm[at + 2]];
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const isSealRed = ([r, g, b]: [number, number, number]) => r > 180 && g < 90 && b < 90;

/** Where pdftotext finds a word on the first page, in points from the top-left corner. */
export function wordBox(pdf: Buffer, word: string): { xMin: number; yMin: number; xMax: number; yMax: number } {
  const html = runTool('pdftotext', ['-bbox', '-f', '1', '-l', '1', { file: pdf, name: 'in.pdf' }, '-']).stdout;
  const match = html.match(new RegExp(`<word xMin="([\\d.]+)" yMin="([\\d.]+)" xMax="([\\d.]+)" yMax="([\\d.]+)">${word}</word>`));
  if (!match) throw new Error(`${word} is not on the page`);
  const [xMin, yMin, xMax, yMax] = match.slice(1).map(Number);
  return { xMin, yMin, xMax, yMax };
}
