import { sniffFormat } from '../attachments/index.ts';
import { AppError } from '../errors/app-error.ts';
import { KIND_FIELDS, type DocumentKind, type Recognition, type RecognisedField } from '../../contract/recognition/documents.ts';
import { decodeGrey, evenedOut, imageSize, pgmOf, turned, type GreyImage } from './image.ts';
import { linesOfTsv } from './ocr-lines.ts';
import { PARSERS } from './parsers.ts';
import { OcrFailure, orientationOf, readText } from './tesseract.ts';

/** An upload larger than this is refused before it is read (a phone's photo is 2–6 MB; the pages send theirs scaled down). */
export const MAX_IMAGE_BYTES = 12 * 1024 * 1024;
/** A picture of more pixels is refused before it is decoded (a few bytes of PNG may claim a gigapixel). */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** Fewer pixels than this on the short side hold no readable card. */
const MIN_SIDE = 200;

type Degrees = 0 | 90 | 180 | 270;

/**
 * The fields read with the image turned upright and its paper evened out (image.ts): turned by
 * tesseract's orientation detection (on the grey image, with a local threshold), or where it
 * cannot tell (grain, little text), by reading it each way round until enough of the kind's fields
 * come out (three fifths of them; two entries of a form), keeping the way whose fields' confidences
 * add up to the most (text read upside down comes out as few fields of low confidence).
 */
async function readUpright(grey: GreyImage, kind: DocumentKind): Promise<{ degrees: Degrees; fields: RecognisedField[] }> {
  const even = evenedOut(grey);
  const readTurned = async (degrees: Degrees) => PARSERS[kind](linesOfTsv(await readText(pgmOf(turned(even, degrees)))));
  const detected = await orientationOf(pgmOf(grey));
  if (detected !== undefined) return { degrees: detected, fields: await readTurned(detected) };
  const enough = KIND_FIELDS[kind].length ? Math.ceil(KIND_FIELDS[kind].length * 0.6) : 2;
  let best: { degrees: Degrees; fields: RecognisedField[]; score: number } | undefined;
  for (const degrees of [0, 90, 270, 180] as const) {
    const fields = await readTurned(degrees);
    const found = fields.filter((f) => f.status !== 'not_found');
    const score = found.reduce((sum, f) => sum + f.confidence, 0);
    if (!best || score > best.score) best = { degrees, fields, score };
    if (found.length >= enough) break;
  }
  return best!;
}

const megapixels = (n: number) => (n / 1_000_000).toFixed(1);

/**
 * Reads a photo or a scan of a document of the given kind: its fields with their confidences, the
 * identifiers checked. Everything happens in memory: the image is never written anywhere.
 */
export async function recogniseImage(bytes: Buffer, kind: DocumentKind): Promise<Recognition> {
  const started = Date.now();
  const format = sniffFormat(bytes);
  if (format !== 'png' && format !== 'jpg') {
    throw new AppError(415, 'image_unreadable', [], {
      'zh-CN': format === 'pdf' ? 'PDF 文件不能识别：请上传证照的照片或扫描图片（JPG、PNG）' : '这不是图片：请上传证照的照片或扫描图片（JPG、PNG）',
      en:
        format === 'pdf'
          ? 'A PDF cannot be recognised: upload a photo or scan of the document (JPG, PNG)'
          : 'This is not an image: upload a photo or scan of the document (JPG, PNG)',
    });
  }
  const size = imageSize(bytes, format);
  if (!size || !size.width || !size.height) throw new AppError(400, 'image_unreadable');
  if (size.width * size.height > MAX_IMAGE_PIXELS) {
    throw new AppError(413, 'file_too_large', [], {
      'zh-CN': `图片像素过多（${megapixels(size.width * size.height)} 百万像素，上限 ${megapixels(MAX_IMAGE_PIXELS)}）：请缩小后再上传`,
      en: `The image has too many pixels (${megapixels(size.width * size.height)} megapixels, at most ${megapixels(MAX_IMAGE_PIXELS)}): scale it down and upload it again`,
    });
  }
  if (Math.min(size.width, size.height) < MIN_SIDE) {
    throw new AppError(422, 'image_unreadable', [], {
      'zh-CN': `图片太小（${size.width}×${size.height} 像素），无法识别：请拍得更近或用更高分辨率扫描`,
      en: `The image is too small (${size.width}×${size.height} pixels) to read: take the photo closer or scan at a higher resolution`,
    });
  }
  let grey;
  try {
    grey = decodeGrey(bytes, format, MAX_IMAGE_PIXELS);
  } catch {
    throw new AppError(400, 'image_unreadable', [], {
      'zh-CN': '图片文件已损坏或格式不受支持，无法读取：请重新拍摄或扫描',
      en: 'The image file is damaged or of an unsupported variant and cannot be read: take or scan it again',
    });
  }
  try {
    const { degrees, fields } = await readUpright(grey, kind);
    return { kind, fields, turnedDegrees: degrees, tookMs: Date.now() - started };
  } catch (err) {
    if (err instanceof OcrFailure) throw Object.assign(new AppError(503, 'recognition_unavailable'), { cause: err });
    throw err;
  }
}
