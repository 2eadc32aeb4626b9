import type { Sequelize } from 'sequelize';
import type { Logger } from 'pino';
import { createSequelize, dialectOf } from './sequelize.ts';
import { migrateUp } from './migrate.ts';
import type { Config } from '../config/schema.ts';
import { usePersonalDataKeys } from '../privacy/keys.ts';
import { Department } from '../organization/department.model.ts';
import { User } from '../auth/user.model.ts';
import { Session } from '../auth/session.model.ts';
import { PasswordHistory } from '../auth/password-history.model.ts';
import { LoginFailure } from '../auth/login-failure.model.ts';
import { RecoveryCode, SecondFactor } from '../auth/second-factor.model.ts';
import { IdentityLink, PhoneVerification } from '../auth/identity.model.ts';
import { Item } from '../catalog/item.model.ts';
import { Attachment } from '../attachments/attachment.model.ts';
import { AttachmentGrant } from '../attachments/attachment-grant.model.ts';
import { Case } from '../cases/case.model.ts';
import { CaseMaterial } from '../cases/case-material.model.ts';
import { TimelineEvent } from '../cases/timeline-event.model.ts';
import { Opinion } from '../inbox/opinion.model.ts';
import { Bundle } from '../catalog/bundle.model.ts';
import { CalendarOverride } from '../calendar/calendar-override.model.ts';
import { Commitment } from '../cases/commitment.model.ts';
import { CaseLicense, ELicense } from '../e-licenses/e-license.model.ts';
import { CaseCopy } from '../cases/case-copy.model.ts';
import { Notification } from '../notifications/notification.model.ts';
import { Region, RegionDepartment } from '../organization/region.model.ts';
import { HallWindow, ServiceHall } from '../organization/hall.model.ts';
import { Deputy } from '../inbox/deputy.model.ts';
import { InboxEntry, InboxTask, InboxTaskOffer } from '../inbox/inbox-task.model.ts';
import { ReviewAttachment } from '../inbox/review-attachment.model.ts';
import { Delivery } from '../deliveries/delivery.model.ts';
import { GatewayCallback } from '../gateways/gateway-callback.model.ts';
import { Payment } from '../payments/payment.model.ts';
import { ResultDocument } from '../results/result-document.model.ts';
import { Seal, SealUse } from '../seals/seal.model.ts';
import { ModelerDeployment, ProcessDraft, ProcessDraftRevision } from '../modeler/process-draft.model.ts';
import { CaseRating } from '../ratings/rating.model.ts';
import { Problem, ProblemEvent } from '../problems/problem.model.ts';
import { ItemForm } from '../forms/item-form.model.ts';
import { AuditChainHead, AuditEvent } from '../audit/audit-event.model.ts';
import { CaseFactRow } from '../supervision/case-fact.model.ts';
import { MonitoringRule } from '../supervision/monitoring-rule.model.ts';
import { SharedDataQuery } from '../shared-data/shared-data-query.model.ts';
import { OutboxEvent, Reconciliation } from '../reporting/outbox-event.model.ts';
import { DecisionRuleHit } from '../rules/decision-rule-hit.model.ts';
import { ProactiveFeed, ProactiveOffer } from '../proactive/proactive-offer.model.ts';
import { HelpEntry, HelpRequest } from '../online-help/online-help.model.ts';
import { StuckCaseRow } from '../operations/stuck-case.model.ts';
import { QueueTicket } from '../queue/ticket.model.ts';
import { Appointment, AppointmentSlot } from '../appointments/appointment.model.ts';

/** Every domain's models, bound to the connection at start (each domain owns its own: server/<domain>/*.model.ts). */
const MODELS: { initModel(sequelize: Sequelize): void }[] = [
  Department,
  Region,
  RegionDepartment,
  ServiceHall,
  HallWindow,
  User,
  Session,
  PasswordHistory,
  LoginFailure,
  SecondFactor,
  RecoveryCode,
  IdentityLink,
  PhoneVerification,
  Item,
  Bundle,
  ItemForm,
  Attachment,
  AttachmentGrant,
  Case,
  CaseMaterial,
  TimelineEvent,
  Commitment,
  Opinion,
  CaseCopy,
  Deputy,
  InboxTask,
  InboxTaskOffer,
  InboxEntry,
  ReviewAttachment,
  Notification,
  CalendarOverride,
  ELicense,
  CaseLicense,
  Seal,
  SealUse,
  ResultDocument,
  Payment,
  GatewayCallback,
  Delivery,
  ProcessDraft,
  ProcessDraftRevision,
  ModelerDeployment,
  CaseRating,
  Problem,
  ProblemEvent,
  AuditEvent,
  AuditChainHead,
  CaseFactRow,
  MonitoringRule,
  SharedDataQuery,
  OutboxEvent,
  Reconciliation,
  DecisionRuleHit,
  ProactiveOffer,
  ProactiveFeed,
  HelpRequest,
  HelpEntry,
  StuckCaseRow,
  QueueTicket,
  AppointmentSlot,
  Appointment,
];

export interface Database {
  sequelize: Sequelize;
  dialect: ReturnType<typeof dialectOf>;
  close(): Promise<void>;
}

/**
 * Opens the app database, brings its schema up to date and binds the models, with the key ring
 * that seals their personal data (server/privacy): no process reads or writes a case without it.
 */
export async function openDatabase(config: Pick<Config, 'appDbUrl' | 'personalData'>, logger?: Logger): Promise<Database> {
  const url = config.appDbUrl;
  usePersonalDataKeys(config.personalData);
  const sequelize = createSequelize(url, logger);
  await sequelize.authenticate();
  await migrateUp(sequelize, logger);
  for (const model of MODELS) model.initModel(sequelize);
  return { sequelize, dialect: dialectOf(url), close: () => sequelize.close() };
}
