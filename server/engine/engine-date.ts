/** An instant as the engine's REST API takes it in queries (yyyy-MM-dd'T'HH:mm:ss.SSSZ, UTC). */
export function engineDate(at: Date): string {
  return at.toISOString().replace('Z', '+0000');
}
