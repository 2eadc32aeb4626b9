import type { QueryInterface } from 'sequelize';
import * as initial from './0001-initial.ts';
import * as bundles from './0002-bundles.ts';
import * as caseAgent from './0003-case-agent.ts';
import * as calendarOverrides from './0004-calendar-overrides.ts';
import * as caseDeadlines from './0005-case-deadlines.ts';
import * as commitments from './0006-commitments.ts';
import * as bundleCases from './0007-bundle-cases.ts';
import * as catalogEditing from './0008-catalog-editing.ts';
import * as eLicenses from './0009-e-licenses.ts';
import * as copiesNotifications from './0010-copies-notifications.ts';
import * as suspension from './0011-suspension.ts';
import * as deputies from './0012-deputies.ts';
import * as deadlineWarnings from './0013-deadline-warnings.ts';
import * as reviewAttachments from './0014-review-attachments.ts';
import * as results from './0015-results.ts';
import * as processDrafts from './0016-process-drafts.ts';
import * as eLicenseRevocation from './0017-e-license-revocation.ts';
import * as ratings from './0018-ratings.ts';
import * as itemForms from './0019-item-forms.ts';
import * as deadlineSchedule from './0020-deadline-schedule.ts';
import * as reconciliation from './0021-reconciliation.ts';
import * as schedulerLeases from './0022-scheduler-leases.ts';
import * as auditTrail from './0023-audit-trail.ts';
import * as accountsSessions from './0024-accounts-sessions.ts';
import * as personalData from './0025-personal-data.ts';
import * as secondFactor from './0026-second-factor.ts';
import * as passwordMustChange from './0027-password-must-change.ts';
import * as unifiedIdentity from './0028-unified-identity.ts';
import * as regions from './0030-regions.ts';
import * as inboxTasks from './0031-inbox-tasks.ts';
import * as decisiveOpinions from './0032-decisive-opinions.ts';
import * as priorityAndPickup from './0033-priority-and-pickup.ts';
import * as documentTitlesEn from './0034-document-titles-en.ts';
import * as supervision from './0035-supervision.ts';
import * as provinceOutbox from './0036-province-outbox.ts';
import * as problems from './0037-problems.ts';
import * as pickupQueue from './0038-pickup-queue.ts';
import * as indicatorMonths from './0039-indicator-months.ts';
import * as staffCounts from './0040-staff-counts.ts';
import * as monitoringRules from './0041-monitoring-rules.ts';
import * as sharedDataQueries from './0042-shared-data-queries.ts';
import * as staffMonths from './0043-staff-months.ts';
import * as decisionRuleHits from './0044-decision-rule-hits.ts';
import * as proactiveOffers from './0045-proactive-offers.ts';
import * as stuckCaseLooks from './0047-stuck-case-looks.ts';
import * as attachmentSm3 from './0048-attachment-sm3.ts';
import * as secondFactorAlgorithm from './0049-second-factor-algorithm.ts';
import * as sealSm2 from './0050-seal-sm2.ts';
import * as notificationTexts from './0051-notification-texts.ts';
import * as platformStatus from './0053-platform-status.ts';
import * as hallDetails from './0054-hall-details.ts';
import * as queueTickets from './0055-queue-tickets.ts';
import * as appointments from './0056-appointments.ts';
import * as onlineHelp from './0057-online-help.ts';
import * as queueWindowBusy from './0059-queue-window-busy.ts';
import * as attachmentGrants from './0060-attachment-grants.ts';

export interface Migration {
  name: string;
  up(queryInterface: QueryInterface): Promise<void>;
  down(queryInterface: QueryInterface): Promise<void>;
}

/**
 * Every migration, in order. Listed statically (not found by reading the folder) so that the
 * bundled server and workers carry them; test/unit/migrations.test.ts checks none is missing.
 */
export const MIGRATIONS: Migration[] = [
  { name: '0001-initial', ...initial },
  { name: '0002-bundles', ...bundles },
  { name: '0003-case-agent', ...caseAgent },
  { name: '0004-calendar-overrides', ...calendarOverrides },
  { name: '0005-case-deadlines', ...caseDeadlines },
  { name: '0006-commitments', ...commitments },
  { name: '0007-bundle-cases', ...bundleCases },
  { name: '0008-catalog-editing', ...catalogEditing },
  { name: '0009-e-licenses', ...eLicenses },
  { name: '0010-copies-notifications', ...copiesNotifications },
  { name: '0011-suspension', ...suspension },
  { name: '0012-deputies', ...deputies },
  { name: '0013-deadline-warnings', ...deadlineWarnings },
  { name: '0014-review-attachments', ...reviewAttachments },
  { name: '0015-results', ...results },
  { name: '0016-process-drafts', ...processDrafts },
  { name: '0017-e-license-revocation', ...eLicenseRevocation },
  { name: '0018-ratings', ...ratings },
  { name: '0019-item-forms', ...itemForms },
  { name: '0020-deadline-schedule', ...deadlineSchedule },
  { name: '0021-reconciliation', ...reconciliation },
  { name: '0022-scheduler-leases', ...schedulerLeases },
  { name: '0023-audit-trail', ...auditTrail },
  { name: '0024-accounts-sessions', ...accountsSessions },
  { name: '0025-personal-data', ...personalData },
  { name: '0026-second-factor', ...secondFactor },
  { name: '0027-password-must-change', ...passwordMustChange },
  { name: '0028-unified-identity', ...unifiedIdentity },
  { name: '0030-regions', ...regions },
  { name: '0031-inbox-tasks', ...inboxTasks },
  { name: '0032-decisive-opinions', ...decisiveOpinions },
  { name: '0033-priority-and-pickup', ...priorityAndPickup },
  { name: '0034-document-titles-en', ...documentTitlesEn },
  { name: '0035-supervision', ...supervision },
  { name: '0036-province-outbox', ...provinceOutbox },
  { name: '0037-problems', ...problems },
  { name: '0038-pickup-queue', ...pickupQueue },
  { name: '0039-indicator-months', ...indicatorMonths },
  { name: '0040-staff-counts', ...staffCounts },
  { name: '0041-monitoring-rules', ...monitoringRules },
  { name: '0042-shared-data-queries', ...sharedDataQueries },
  { name: '0043-staff-months', ...staffMonths },
  { name: '0044-decision-rule-hits', ...decisionRuleHits },
  { name: '0045-proactive-offers', ...proactiveOffers },
  { name: '0047-stuck-case-looks', ...stuckCaseLooks },
  { name: '0048-attachment-sm3', ...attachmentSm3 },
  { name: '0049-second-factor-algorithm', ...secondFactorAlgorithm },
  { name: '0050-seal-sm2', ...sealSm2 },
  { name: '0051-notification-texts', ...notificationTexts },
  { name: '0053-platform-status', ...platformStatus },
  { name: '0054-hall-details', ...hallDetails },
  { name: '0055-queue-tickets', ...queueTickets },
  { name: '0056-appointments', ...appointments },
  { name: '0057-online-help', ...onlineHelp },
  { name: '0059-queue-window-busy', ...queueWindowBusy },
  { name: '0060-attachment-grants', ...attachmentGrants },
];
