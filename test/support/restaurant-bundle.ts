import { api, applicant, decide, submit, uploadRequired, validForm, waitForTask } from './api.ts';

/**
 * 开办餐饮店 (KBCYD) for a small restaurant that needs its business licence, no signboard, applied for
 * in person: two items, 个体工商户设立登记 (`-01`) and 食品经营许可 (`-02`), both at the market regulator.
 */
export const RESTAURANT_ANSWERS = { needsBusinessRegistration: true, premisesScale: 'small', needsSignboard: false, entrusted: false };

/** The bundle's one form for those answers (no fire inspection: the large one is processes/bundle-open-restaurant/restaurant-form.ts). */
export const smallRestaurantForm = () => ({
  ...validForm(),
  premisesArea: 120,
  businessFormat: 'snack_bar',
  foodCategories: '热食类食品制售',
  foodSafetyManager: '张三',
});

/**
 * Submits the bundle as `who` (张三 unless told) and answers POST /cases' response; the caller checks its 201.
 * Without `materials` it uploads a file for every required material of the plan for `answers`.
 */
export async function submitRestaurantBundle(
  who: string,
  options: { answers?: Record<string, unknown>; form?: Record<string, unknown>; applicant?: Record<string, unknown>; materials?: unknown[] } = {},
) {
  const answers = options.answers ?? RESTAURANT_ANSWERS;
  let materials = options.materials;
  if (!materials) {
    const plan = await api().post('/api/v1/bundles/KBCYD/plan').send({ answers });
    materials = await uploadRequired(who, plan.body.materials);
  }
  return submit(who, { bundleCode: 'KBCYD', answers, applicant: options.applicant ?? applicant(), form: options.form ?? smallRestaurantForm(), materials });
}

/** Approves the bundle's 个体工商户设立登记 (`${caseNo}-01`): the reviewer's review, then the leader's decision. */
export async function approveRegistrationItem(caseNo: string): Promise<void> {
  const registration = `${caseNo}-01`;
  await decide('reviewer', registration, 'review', 'approve');
  await decide('leader', registration, 'decision', 'approve');
}

/** Approves the bundle's 食品经营许可 (`${caseNo}-02`): review, both inspectors' site inspection (会签), the leader's decision. */
export async function approveFoodLicenceItem(caseNo: string): Promise<void> {
  const food = `${caseNo}-02`;
  await decide('reviewer', food, 'review', 'approve');
  await waitForTask('reviewer4', food, 'site_inspection');
  await Promise.all([decide('reviewer', food, 'site_inspection', 'approve'), decide('reviewer4', food, 'site_inspection', 'approve')]);
  await decide('leader', food, 'decision', 'approve');
}

/** Approves both items of the bundle at once. */
export async function approveRestaurantItems(caseNo: string): Promise<void> {
  await Promise.all([approveRegistrationItem(caseNo), approveFoodLicenceItem(caseNo)]);
}
