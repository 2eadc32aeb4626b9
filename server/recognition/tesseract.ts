import { execFile } from 'node:child_process';

/**
 * Debian's tesseract-ocr (scripts/setup.sh installs it with the chi_sim model; osd comes with it)
 * as a child process: no shell, the image on its standard input (never a file), a time limit, a
 * bounded output. It never downloads anything: the models are the ones Debian installed.
 */
export const TESSERACT = process.env.TESSERACT_PATH ?? 'tesseract';
const TIME_LIMIT_MS = 30_000;
const MAX_OUTPUT = 4 * 1024 * 1024;

export class OcrFailure extends Error {
  constructor(
    readonly reason: 'missing' | 'timeout' | 'failed',
    detail: string,
  ) {
    super(`tesseract ${reason}: ${detail}`);
  }
}

function run(args: string[], input: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      TESSERACT,
      args,
      { timeout: TIME_LIMIT_MS, killSignal: 'SIGKILL', maxBuffer: MAX_OUTPUT, encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const e = err as NodeJS.ErrnoException & { killed?: boolean };
        if (e.code === 'ENOENT') return reject(new OcrFailure('missing', `${TESSERACT} is not installed`));
        if (e.killed) return reject(new OcrFailure('timeout', `no answer within ${TIME_LIMIT_MS} ms`));
        reject(new OcrFailure('failed', String(stderr || e.message).slice(0, 500)));
      },
    );
    // a child that died early closes its input: that is its error above, not this one
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

/**
 * Orientation detection (--psm 0, the osd model): how many degrees clockwise to turn the image so
 * its text stands upright; undefined when tesseract cannot tell (too little text it can separate
 * from the grain of a poor photo, or a confidence below MIN_ORIENTATION_CONFIDENCE).
 */
const MIN_ORIENTATION_CONFIDENCE = 1.5;
export async function orientationOf(pgm: Buffer): Promise<0 | 90 | 180 | 270 | undefined> {
  let out: string;
  try {
    // Sauvola's local threshold: a grey card on white paper keeps its strokes (a threshold for the whole page loses them)
    out = await run(['stdin', 'stdout', '--psm', '0', '-l', 'osd', '-c', 'thresholding_method=2'], pgm);
  } catch (err) {
    if (err instanceof OcrFailure && err.reason === 'failed') return undefined;
    throw err;
  }
  const rotate = Number(/Rotate:\s*(\d+)/.exec(out)?.[1]);
  const confidence = Number(/Orientation confidence:\s*([\d.]+)/.exec(out)?.[1]);
  if (!(confidence >= MIN_ORIENTATION_CONFIDENCE)) return undefined;
  return rotate === 0 || rotate === 90 || rotate === 180 || rotate === 270 ? rotate : undefined;
}

/** The page read as one block of lines (--psm 6: a card's or a licence's label and value stay on one line), as TSV. */
export const readText = (pgm: Buffer): Promise<string> => run(['stdin', 'stdout', '--psm', '6', '-l', 'chi_sim', 'tsv'], pgm);
