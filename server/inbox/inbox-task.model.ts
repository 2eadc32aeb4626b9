import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/**
 * An open user task as the inbox reads it (server/inbox/inbox-projection.ts keeps it): the engine's
 * task with what an inbox filters, sorts and counts on from its case. `sortDueAt` is the case's
 * promised due time, or the far future when it has none (those sort last); `colourDueAt` and
 * `yellowAt` give the deadline colour at any instant (none while suspended or before acceptance).
 */
export class InboxTask extends Model<InferAttributes<InboxTask>, InferCreationAttributes<InboxTask>> {
  declare taskId: string;
  declare processInstanceId: string;
  declare taskDefinitionKey: string;
  declare name: string | null;
  declare assignee: string | null;
  declare owner: string | null;
  declare delegated: boolean;
  declare created: Date;
  declare due: Date | null;
  declare caseNo: string | null;
  declare caseId: number | null;
  declare itemCode: string | null;
  declare bundleCode: string | null;
  declare channel: string | null;
  declare regionCode: string | null;
  /** 绿色通道 first: 0 for a priority case's task, 1 for the others (the default order reads it first) */
  declare priorityRank: number;
  declare sortDueAt: Date;
  declare colourDueAt: Date | null;
  declare yellowAt: Date | null;
  declare syncedAt: Date;

  static initModel(sequelize: Sequelize): void {
    InboxTask.init(
      {
        taskId: { type: DataTypes.STRING(64), primaryKey: true },
        processInstanceId: { type: DataTypes.STRING(64), allowNull: false },
        taskDefinitionKey: { type: DataTypes.STRING(255), allowNull: false },
        name: { type: DataTypes.STRING(255), allowNull: true },
        assignee: { type: DataTypes.STRING(64), allowNull: true },
        owner: { type: DataTypes.STRING(64), allowNull: true },
        delegated: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        created: { type: DataTypes.DATE(3), allowNull: false },
        due: { type: DataTypes.DATE(3), allowNull: true },
        caseNo: { type: DataTypes.STRING(40), allowNull: true },
        caseId: { type: DataTypes.INTEGER, allowNull: true },
        itemCode: { type: DataTypes.STRING(64), allowNull: true },
        bundleCode: { type: DataTypes.STRING(64), allowNull: true },
        channel: { type: DataTypes.STRING(16), allowNull: true },
        regionCode: { type: DataTypes.STRING(12), allowNull: true },
        priorityRank: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
        sortDueAt: { type: DataTypes.DATE(3), allowNull: false },
        colourDueAt: { type: DataTypes.DATE(3), allowNull: true },
        yellowAt: { type: DataTypes.DATE(3), allowNull: true },
        syncedAt: { type: DataTypes.DATE(3), allowNull: false },
      },
      { sequelize, tableName: 'inbox_tasks', timestamps: false },
    );
  }
}

/** A department role (group) an open task is offered to while nobody holds it. */
export class InboxTaskOffer extends Model<InferAttributes<InboxTaskOffer>, InferCreationAttributes<InboxTaskOffer>> {
  declare taskId: string;
  declare groupId: string;

  static initModel(sequelize: Sequelize): void {
    InboxTaskOffer.init(
      {
        taskId: { type: DataTypes.STRING(64), primaryKey: true },
        groupId: { type: DataTypes.STRING(96), primaryKey: true },
      },
      { sequelize, tableName: 'inbox_task_offers', timestamps: false },
    );
  }
}

/**
 * Who sees an open task, one row each (inbox-projection.ts writes them from the task's row and its
 * roles): its holder, `user:<username>`, or while nobody holds it each role it is offered to in its
 * case's region, `group:<department>:<role>@<region>`; with the task's sort, filter and count columns.
 */
export class InboxEntry extends Model<InferAttributes<InboxEntry>, InferCreationAttributes<InboxEntry>> {
  declare holder: string;
  declare taskId: string;
  declare priorityRank: number;
  declare sortDueAt: Date;
  declare created: Date;
  declare caseNo: string | null;
  declare itemCode: string | null;
  declare bundleCode: string | null;
  declare channel: string | null;
  declare colourDueAt: Date | null;
  declare yellowAt: Date | null;

  static initModel(sequelize: Sequelize): void {
    InboxEntry.init(
      {
        holder: { type: DataTypes.STRING(120), primaryKey: true },
        taskId: { type: DataTypes.STRING(64), primaryKey: true },
        priorityRank: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
        sortDueAt: { type: DataTypes.DATE(3), allowNull: false },
        created: { type: DataTypes.DATE(3), allowNull: false },
        caseNo: { type: DataTypes.STRING(40), allowNull: true },
        itemCode: { type: DataTypes.STRING(64), allowNull: true },
        bundleCode: { type: DataTypes.STRING(64), allowNull: true },
        channel: { type: DataTypes.STRING(16), allowNull: true },
        colourDueAt: { type: DataTypes.DATE(3), allowNull: true },
        yellowAt: { type: DataTypes.DATE(3), allowNull: true },
      },
      { sequelize, tableName: 'inbox_entries', timestamps: false },
    );
  }
}

/** The key of a person's own tasks. */
export const userHolder = (username: string) => `user:${username}`;
/** The key of a role's unclaimed tasks in a region (none: the case has no region). */
export const groupHolder = (group: string, regionCode: string | null) => `group:${group}@${regionCode ?? ''}`;
