/** The storage key of an attachment: its row's storageKey (`<first two of its SM3>/<id>`) under attachments/. */
export const attachmentKey = (storageKey: string): string => `attachments/${storageKey}`;
