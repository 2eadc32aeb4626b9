import { postForm } from '../api/http.ts';
import type { DocumentKind, Recognition } from '../../../contract/recognition/documents.ts';

/** The long side an image is scaled down to before it is sent (the server reads no better above it). */
const MAX_SIDE = 2000;

/**
 * A phone's photo scaled down (and turned as its EXIF orientation says) before it leaves the phone:
 * a 12-megapixel photo of 5 MB becomes a JPEG of a few hundred KB. A smaller image goes as it is.
 */
async function scaledDown(file: File): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = MAX_SIDE / Math.max(bitmap.width, bitmap.height);
    if (scale >= 1) {
      bitmap.close();
      return file;
    }
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return await new Promise<Blob>((resolve) => canvas.toBlob((blob) => resolve(blob ?? file), 'image/jpeg', 0.92));
  } catch {
    // a file the browser cannot decode goes as it is: the server says what is wrong with it
    return file;
  }
}

export const recognitionApi = {
  /** POST /recognition: the kind and the image (multipart); nothing of it is kept */
  async recognise(kind: DocumentKind, file: File): Promise<Recognition> {
    const data = new FormData();
    data.append('kind', kind);
    data.append('image', await scaledDown(file), file.name || 'image.jpg');
    return postForm<Recognition>('/recognition', data);
  },
};
