import type { Ref } from 'vue';
import { onBeforeRouteLeave } from 'vue-router';
import { ElMessageBox } from 'element-plus';

/** Asks before the page is left with changes not saved (the catalog editors); staying keeps them. */
export function useLeaveGuard(dirty: Ref<boolean>, t: (key: string) => string): void {
  onBeforeRouteLeave(async () => {
    if (!dirty.value) return true;
    try {
      await ElMessageBox.confirm(t('catalogEditor.leaveUnsaved'), t('catalogEditor.unsaved'), {
        type: 'warning',
        confirmButtonText: t('catalogEditor.leave'),
        cancelButtonText: t('catalogEditor.stay'),
      });
      return true;
    } catch {
      return false;
    }
  });
}
