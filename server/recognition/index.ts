/**
 * 智能识别填单 (document recognition), the public entry: reading a photo or scan of an identity
 * card, a business licence or a filled-in form (routed by recognition.controller.ts), for the
 * benchmark. Forms are filled from the answer by contract/recognition/form-matching.ts.
 */
export { recogniseImage, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS } from './recognise.ts';
/** POST /recognition, mounted by server/app.ts. */
export { recognitionRoutes } from './recognition.controller.ts';
