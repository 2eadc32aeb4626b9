import type { FieldProblem } from '../problems.ts';
import { deliveryChoiceRules, deliveryChoiceSchema, pickupHandoverSchema, type DeliveryChoice, type PickupHandover } from './delivery.ts';
import { createDraftSchema } from './modeler.ts';
import {
  enrolmentCodeRules,
  loginRules,
  loginSchema,
  ownEnrolmentConfirmationSchema,
  passwordChangeSchema,
  secondStepRules,
  secondStepSchema,
  stepUpRules,
  stepUpSchema,
  type Codes,
  type LoginBody,
  type PasswordChangeBody,
  type SecondStepBody,
} from './sign-in.ts';
import {
  phoneCodeSchema,
  phoneVerificationSchema,
  registrationRules,
  registrationSchema,
  type NewRegistration,
  type PhoneVerificationBody,
} from './registration.ts';
import { publicLookupSchema, type PublicLookup } from './public-lookup.ts';
import { bundlePlanSchema, type BundlePlanBody } from './bundles.ts';
import { assistedAgentSchema, type CaseAgentBody } from './case-agent.ts';
import { accountChangeRules, accountChangeSchema, accountRules, identityBindingSchema, newAccountSchema, type AccountBody } from './accounts.ts';
import { deputyRules, deputySchema, type DeputyBody } from './deputies.ts';
import { revocationSchema } from './e-licenses.ts';
import { ratingRules, ratingSchema, type RatingBody } from './ratings.ts';
import { ticketRules, ticketSchema, type TicketBody } from './queue.ts';
import { monitoringRuleSchema, type MonitoringRuleBody } from './monitoring-rules.ts';
import {
  raiseProblemSchema,
  rectificationRules,
  rectifyBadRatingSchema,
  rectifyProblemSchema,
  reviewProblemSchema,
  reviewRules,
  type RaiseProblemBody,
  type RectifyProblemBody,
  type ReviewProblemBody,
} from './problems.ts';
import { arrangementImportSchema, arrangementRules, calendarOverrideSchema, type ArrangementImportBody, type CalendarOverrideBody } from './calendar.ts';
import { completionRules, completionSchema, type Completion } from './task-completion.ts';
import { batchRetrySchema, caseCancelSchema, caseMoveSchema, incidentRetryRules, incidentRetrySchema, type IncidentRetryBody } from './operations.ts';
import { copySchema, handOverSchema, reasonSchema, resolveSchema, suspendSchema, urgeSchema } from './case-actions.ts';
import {
  hallChangeSchema,
  hallRules,
  hallWindowRules,
  hallWindowSchema,
  newHallSchema,
  newRegionDepartmentSchema,
  newRegionSchema,
  regionChangeSchema,
  regionDepartmentChangeSchema,
  regionRules,
  type HallBody,
  type HallWindowBody,
  type RegionBody,
  type RegionDepartmentBody,
} from './organization.ts';

/**
 * A request a page of the web app sends from a form: the JSON schema the server validates its body
 * with and the rules the server checks once the schema passes. The page checks both before it
 * sends (modeler/src/shared/useFormProblems.ts), so a mistake shows at its field in the server's
 * own words, without a round trip; the server checks again.
 */
export interface FormRequest<Body> {
  schema: object;
  rules?: (body: Body) => FieldProblem[];
}

const request = <Body>(schema: object, rules?: (body: Body) => FieldProblem[]): FormRequest<Body> => ({ schema, ...(rules ? { rules } : {}) });

/** Every request the web app checks before it sends, by name; the build compiles each schema for the browser (one file per domain beside this one). */
export const FORM_REQUESTS = {
  /** POST /auth/login (with `newPassword`: an expired password replaced at the sign-in) */
  login: request<LoginBody>(loginSchema, loginRules),
  /** POST /auth/password (the policy for the signed-in person's user name: the page adds it, contract/passwords.ts) */
  passwordChange: request<PasswordChangeBody>(passwordChangeSchema),
  /** POST /auth/second-factor (the sign-in's second step) */
  secondStep: request<SecondStepBody>(secondStepSchema, secondStepRules),
  /** POST /me/second-factor/enrolment/confirmation, and the code of /auth/second-factor/enrolment/confirmation */
  enrolmentConfirmation: request<{ code: string }>(ownEnrolmentConfirmationSchema, enrolmentCodeRules),
  /** POST /me/second-factor/recovery-codes, /me/second-factor/disable */
  secondFactorStepUp: request<Codes>(stepUpSchema, stepUpRules),
  /** POST /auth/registration/phone-codes */
  phoneCode: request<{ phone: string }>(phoneCodeSchema),
  /** POST /auth/registration/phone-verifications */
  phoneVerification: request<PhoneVerificationBody>(phoneVerificationSchema),
  /** POST /auth/registrations */
  registration: request<NewRegistration>(registrationSchema, registrationRules),
  /** POST /public/case-status (办件查询 without signing in) */
  publicLookup: request<PublicLookup>(publicLookupSchema),
  /** POST /bundles/{code}/plan (the questionnaire's answers; each answer checked by the server against the bundle's questions) */
  bundlePlan: request<BundlePlanBody>(bundlePlanSchema),
  /** PUT /cases/{caseNo}/delivery */
  deliveryChoice: request<DeliveryChoice>(deliveryChoiceSchema, deliveryChoiceRules),
  /** `agent` of POST /cases at the window (帮办代办) */
  assistedAgent: request<CaseAgentBody>(assistedAgentSchema),
  /** POST /cases/{caseNo}/delivery/handover */
  pickupHandover: request<PickupHandover>(pickupHandoverSchema),
  /** POST /cases/{caseNo}/rating */
  rating: request<RatingBody>(ratingSchema, ratingRules),
  /** POST /halls/{hallId}/queue/tickets (取号 at the hall's kiosk; the visit's 好差评 is a `rating`) */
  queueTicket: request<TicketBody>(ticketSchema, ticketRules),
  /** POST /problems (a 走流程 finding) */
  raiseProblem: request<RaiseProblemBody>(raiseProblemSchema),
  /** POST /problems/{id}/rectify (a walk-through's or a monitoring rule's problem) */
  rectifyProblem: request<RectifyProblemBody>(rectifyProblemSchema, (body) => rectificationRules(body)),
  /** POST /problems/{id}/rectify (a 差评's: the 回访 too) */
  rectifyBadRating: request<RectifyProblemBody>(rectifyBadRatingSchema, (body) => rectificationRules(body)),
  /** POST /problems/{id}/review */
  reviewProblem: request<ReviewProblemBody>(reviewProblemSchema, reviewRules),
  /** PUT /supervision/monitoring-rules/{indicator} (a rate's bound: the server's 422) */
  monitoringRule: request<MonitoringRuleBody>(monitoringRuleSchema),
  /** POST /modeler/drafts */
  createDraft: request(createDraftSchema),
  /** PUT /me/deputy */
  deputy: request<DeputyBody>(deputySchema, (body) => deputyRules(body)),
  /** POST /e-licenses/{id}/revoke */
  revokeLicense: request<{ reason: string }>(revocationSchema),
  /** POST /admin/users */
  newAccount: request<AccountBody>(newAccountSchema, (body) => accountRules({ roles: body.roles ?? [], departmentCode: body.departmentCode })),
  /** PATCH /admin/users/{username} (the page sends the whole account) */
  accountChange: request<AccountBody>(accountChangeSchema, accountChangeRules),
  /** PUT /admin/users/{username}/identity */
  identityBinding: request<{ idNo: string }>(identityBindingSchema),
  /** PUT /calendar/overrides/{day} */
  calendarOverride: request<CalendarOverrideBody>(calendarOverrideSchema),
  /** POST /calendar/arrangements (a year's arrangement of the State Council, imported) */
  calendarArrangement: request<ArrangementImportBody>(arrangementImportSchema, arrangementRules),
  /** POST /tasks/{id}/complete */
  completion: request<Completion>(completionSchema, completionRules),
  /** POST /cases/{caseNo}/withdraw, /take-back, /resume */
  caseReason: request<{ reason: string }>(reasonSchema),
  /** POST /cases/{caseNo}/urge */
  urge: request<{ note?: string }>(urgeSchema),
  /** POST /tasks/{id}/transfer, /delegate, /send-back, /add-signer, /remove-signer */
  handOver: request<{ to: string; reason: string }>(handOverSchema),
  /** POST /tasks/{id}/copy */
  copy: request<{ to: string[]; note?: string }>(copySchema),
  /** POST /tasks/{id}/resolve */
  resolve: request<{ opinion: string }>(resolveSchema),
  /** POST /tasks/{id}/suspend */
  suspend: request<{ procedure: string; reason: string }>(suspendSchema),
  /** POST /regions */
  newRegion: request<RegionBody>(newRegionSchema, regionRules),
  /** PATCH /regions/{code} */
  regionChange: request<Partial<RegionBody> & { active?: boolean }>(regionChangeSchema),
  /** POST /region-departments */
  newRegionDepartment: request<RegionDepartmentBody>(newRegionDepartmentSchema),
  /** PATCH /region-departments/{id} */
  regionDepartmentChange: request<Partial<RegionDepartmentBody>>(regionDepartmentChangeSchema),
  /** POST /halls */
  newHall: request<HallBody>(newHallSchema, hallRules),
  /** PATCH /halls/{id} */
  hallChange: request<Partial<HallBody>>(hallChangeSchema, hallRules),
  /** POST /halls/{id}/windows, PATCH /hall-windows/{id} (the whole window) */
  hallWindow: request<HallWindowBody>(hallWindowSchema, hallWindowRules),
  /** POST /operations/incidents/{id}/retry (retry with corrected variables) */
  incidentRetry: request<IncidentRetryBody>(incidentRetrySchema, incidentRetryRules),
  /** POST /operations/incidents/retry */
  incidentBatchRetry: request<{ ids: string[]; retries?: number }>(batchRetrySchema),
  /** POST /operations/cases/{caseNo}/move */
  caseMove: request<{ activityId: string; reason: string }>(caseMoveSchema),
  /** POST /operations/cases/{caseNo}/cancel */
  caseCancel: request<{ reason: string }>(caseCancelSchema),
};

export type FormRequestName = keyof typeof FORM_REQUESTS;
