import type { FileFormat } from '../../contract/catalog/item.ts';

/** What a file's bytes say it is, for the formats we accept. Names and client MIME types lie; bytes do not. */
export function sniffFormat(bytes: Buffer): FileFormat | undefined {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  return undefined;
}

export const MIME_TYPES: Record<FileFormat, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg' };

const EXTENSIONS: Record<string, FileFormat> = { pdf: 'pdf', png: 'png', jpg: 'jpg', jpeg: 'jpg' };

/** The format a file name claims, or undefined for an extension we do not accept. */
export function formatFromName(name: string): FileFormat | undefined {
  const ext = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  return ext ? EXTENSIONS[ext] : undefined;
}

/** The format of a stored attachment, from the MIME type we assigned after sniffing its bytes. */
export function formatOfMimeType(mimeType: string): FileFormat | undefined {
  return (Object.keys(MIME_TYPES) as FileFormat[]).find((format) => MIME_TYPES[format] === mimeType);
}
