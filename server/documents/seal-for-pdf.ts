import { ContentMemo } from './content-memo.ts';
import { encodePng, parseIhdr, parsePalette, readChunks } from './png-format.ts';
import { decodeIndexedPixels } from './png-pixels.ts';
import { SEAL_DPI } from './seal-image.ts';

/**
 * pdfkit builds the soft mask of an indexed PNG from one byte per pixel, so a 1-, 2- or 4-bit seal
 * (the smallest files, and what most tools write for two colours) would come out almost invisible.
 * Such a seal is widened to 8 bits a pixel, same palette and pixels, before it is drawn. Expects an
 * image that passed `checkSealImage`.
 */
export function sealForPdfkit(png: Buffer): Buffer {
  return widened.of(ContentMemo.keyOf(png), () => widen(png));
}

/** the widened seals, by their image: the same department's seal on every document */
const widened = new ContentMemo<Buffer>();

function widen(png: Buffer): Buffer {
  const reading = readChunks(png);
  if (!reading.ok) throw new Error(`seal image unreadable: ${reading.en}`);
  const { chunks } = reading;
  const ihdr = parseIhdr(chunks[0].data);
  if (ihdr.bitDepth === 8 && ihdr.interlace === 0) return png;
  const pixels = decodeIndexedPixels(ihdr, Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const plte = chunks.find((c) => c.type === 'PLTE')!;
  return encodePng({
    width: ihdr.width,
    height: ihdr.height,
    colourType: 3,
    bitDepth: 8,
    dpi: SEAL_DPI,
    palette: parsePalette(plte.data, chunks.find((c) => c.type === 'tRNS')?.data),
    rows: Array.from({ length: ihdr.height }, (_, y) => Buffer.from(pixels.subarray(y * ihdr.width, (y + 1) * ihdr.width))),
  });
}
