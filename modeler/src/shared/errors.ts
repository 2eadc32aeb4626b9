import { ElMessage } from 'element-plus';
import { ApiError } from '../api/http.ts';

/** Tells the person what went wrong, in the API's own words where it gave some. */
export function showError(err: unknown): void {
  const message = err instanceof ApiError ? err.fullMessage : err instanceof Error ? err.message : String(err);
  ElMessage({ type: 'error', message, duration: 6000, showClose: true });
}
