import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../db/json-column.ts';
import { lookupHashColumn, sealedColumn, sealedJsonColumn } from '../privacy/sealed-column.ts';
import { FINAL_STATUSES, type CaseStatus } from './case-status.ts';
import type { Channel } from '../../contract/channels.ts';
import type { DeliveryChoice } from '../../contract/requests/delivery.ts';
import type { PriorityReason } from '../../contract/priority.ts';
import type { CaseAgentBody } from '../../contract/requests/case-agent.ts';

/** 送达方式 as the applicant chose it (the contract's request shape). */
export type { DeliveryChoice };

export type CaseKind = 'item' | 'bundle';

/** 帮办代办 / 委托代理: who filed the case for the applicant, as the submission named them (contract/requests/case-agent.ts). */
export type CaseAgent = CaseAgentBody;

/** 办件: one application; caseNo is the engine's business key. */
export class Case extends Model<InferAttributes<Case>, InferCreationAttributes<Case>> {
  declare id: CreationOptional<number>;
  declare caseNo: string;
  /** an item case, or a 一件事 bundle case whose item cases point at it by parentCaseId */
  declare kind: CreationOptional<CaseKind>;
  declare parentCaseId: CreationOptional<number | null>;
  /** the item's code and version; for a bundle case the bundle's */
  declare itemCode: string;
  declare itemVersion: number;
  declare departmentCode: string;
  /** 四级: the region that handles the case (its number starts with its code), and where it was received (a 便民服务站, a 跨域 window) */
  declare regionCode: string | null;
  declare receivedRegionCode: string | null;
  declare channel: Channel;
  declare status: CaseStatus;
  declare applicantName: string;
  declare applicantIdType: string;
  declare applicantIdNo: string;
  declare applicantPhone: string;
  /** the keyed lookup hash of applicantIdNo, set with it (server/privacy) */
  declare applicantIdNoHash: CreationOptional<string | null>;
  declare form: Record<string, unknown>;
  /** 帮办代办: the agent who submitted for the applicant (assisted channel only) */
  declare agent: CaseAgent | null;
  declare processInstanceId: string | null;
  declare submittedBy: number;
  declare idempotencyKey: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare finishedAt: Date | null;
  declare acceptedAt: CreationOptional<Date | null>;
  declare promisedDueAt: CreationOptional<Date | null>;
  declare statutoryDueAt: CreationOptional<Date | null>;
  /** 特别程序: since when the clock stands (null: running), and the working days it stood so far */
  declare suspendedAt: CreationOptional<Date | null>;
  declare suspendedWorkingDays: CreationOptional<number>;
  /** 超期预警: the last colour the holders were warned of (null: none yet) */
  declare warnedColour: CreationOptional<'yellow' | 'red' | null>;
  /** 超期预警: when the deadline sweep must look at the case next (its colour's next turn); null: never */
  declare nextWarningAt: CreationOptional<Date | null>;
  /** 停滞办件: when the stuck-case detector must look at the case next; due at once after any change, null once final */
  declare stuckLookAt: CreationOptional<Date | null>;
  /** the answers the case was filed with: a bundle case's scenario answers (场景式导航), which chose its items; an item case's 办理情形 */
  declare answers: CreationOptional<Record<string, unknown> | null>;
  /** the decision once taken (准予 / 不予; a bundle's joint decision may be partial); the status goes on through payment and delivery */
  declare decision: CreationOptional<'approved' | 'refused' | 'partially_approved' | null>;
  /** 送达方式 chosen at intake or later; electronic when none was chosen */
  declare deliveryChoice: CreationOptional<DeliveryChoice | null>;
  /** 绿色通道: why a window clerk put the case first (contract/priority.ts); null for an ordinary case */
  declare priorityReason: CreationOptional<PriorityReason | null>;

  static initModel(sequelize: Sequelize): void {
    Case.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        caseNo: { type: DataTypes.STRING(32), allowNull: false, unique: true },
        kind: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'item' },
        parentCaseId: { type: DataTypes.INTEGER, allowNull: true },
        itemCode: { type: DataTypes.STRING(64), allowNull: false },
        itemVersion: { type: DataTypes.INTEGER, allowNull: false },
        departmentCode: { type: DataTypes.STRING(32), allowNull: false },
        regionCode: { type: DataTypes.STRING(12), allowNull: true },
        receivedRegionCode: { type: DataTypes.STRING(12), allowNull: true },
        channel: { type: DataTypes.STRING(16), allowNull: false },
        status: { type: DataTypes.STRING(24), allowNull: false },
        applicantName: { type: DataTypes.STRING(100), allowNull: false },
        applicantIdType: { type: DataTypes.STRING(16), allowNull: false },
        // 个人信息: sealed at rest (SM4); the ID number found by its keyed hash
        applicantIdNo: sealedColumn('applicantIdNo', { hashField: 'applicantIdNoHash' }),
        applicantIdNoHash: lookupHashColumn(),
        applicantPhone: sealedColumn('applicantPhone'),
        form: sealedJsonColumn('form'),
        agent: sealedJsonColumn('agent', { allowNull: true }),
        processInstanceId: { type: DataTypes.STRING(64), allowNull: true },
        submittedBy: { type: DataTypes.INTEGER, allowNull: false },
        idempotencyKey: { type: DataTypes.STRING(64), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
        finishedAt: { type: DataTypes.DATE(3), allowNull: true },
        acceptedAt: { type: DataTypes.DATE(3), allowNull: true },
        promisedDueAt: { type: DataTypes.DATE(3), allowNull: true },
        statutoryDueAt: { type: DataTypes.DATE(3), allowNull: true },
        answers: { ...jsonColumn('answers'), allowNull: true },
        decision: { type: DataTypes.STRING(24), allowNull: true },
        deliveryChoice: sealedJsonColumn('deliveryChoice', { allowNull: true }),
        priorityReason: { type: DataTypes.STRING(24), allowNull: true },
        suspendedAt: { type: DataTypes.DATE(3), allowNull: true },
        suspendedWorkingDays: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        warnedColour: { type: DataTypes.STRING(8), allowNull: true },
        nextWarningAt: { type: DataTypes.DATE(3), allowNull: true },
        stuckLookAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: () => new Date(0) },
      },
      { sequelize, tableName: 'cases', timestamps: true },
    );
    // whoever moves a case's clock (acceptance, the end of a suspension), the next deadline sweep
    // looks at the case again and schedules its turns on the new clock; those are new turns, told anew
    Case.addHook('beforeSave', (c: Case) => {
      if (!c.changed('acceptedAt') && !c.changed('promisedDueAt')) return;
      c.nextWarningAt = lookAgain(c.promisedDueAt);
      c.warnedColour = null;
    });
    Case.addHook('beforeBulkUpdate', (bulk) => {
      // sequelize hands the values being written to the hook as `attributes` (not in its types)
      const options = bulk as unknown as { attributes: Partial<Case>; fields?: string[] };
      const a = options.attributes;
      if (!('acceptedAt' in a || 'promisedDueAt' in a) || 'nextWarningAt' in a || 'warnedColour' in a) return;
      a.nextWarningAt = lookAgain('promisedDueAt' in a ? a.promisedDueAt : true);
      a.warnedColour = null;
      options.fields?.push('nextWarningAt', 'warnedColour');
    });
    // a case that changed is looked at by the stuck-case detector's next look (a step that leads
    // nowhere shows right after the change); a final case never again. The schedulers' own writes
    // (silent: the sweep's turn, the detector's next look) move nothing.
    Case.addHook('beforeSave', (c: Case) => {
      if (c.changed('stuckLookAt')) return;
      if (FINAL_STATUSES.includes(c.status)) c.stuckLookAt = null;
      else if (c.isNewRecord || c.changed()) c.stuckLookAt = new Date(0);
    });
    Case.addHook('beforeBulkUpdate', (bulk) => {
      const options = bulk as unknown as { attributes: Partial<Case>; fields?: string[]; silent?: boolean };
      const a = options.attributes;
      if ('stuckLookAt' in a || (options.silent && !('status' in a))) return;
      a.stuckLookAt = 'status' in a && FINAL_STATUSES.includes(a.status!) ? null : new Date(0);
      options.fields?.push('stuckLookAt');
    });
  }
}

/** At the next sweep (the epoch is always due), unless the case has no deadline any more. */
function lookAgain(deadline: unknown): Date | null {
  return deadline === null ? null : new Date(0);
}
