import type { Sequelize } from 'sequelize';
import type { Logger } from 'pino';
import { createSequelize, dialectOf } from './sequelize.ts';
import { migrateUp } from './migrate.ts';
import { Department } from './models/department.ts';
import { User } from './models/user.ts';
import { Item } from './models/item.ts';
import { Attachment } from './models/attachment.ts';
import { Case } from './models/case.ts';
import { CaseMaterial } from './models/case-material.ts';
import { TimelineEvent } from './models/timeline-event.ts';
import { Opinion } from './models/opinion.ts';
import { Bundle } from './models/bundle.ts';
import { CalendarOverride } from './models/calendar-override.ts';
import { Commitment } from './models/commitment.ts';
import { CaseLicense, ELicense } from './models/e-license.ts';
import { CaseCopy, Notification } from './models/case-copy.ts';
import { Deputy } from './models/deputy.ts';
import { ReviewAttachment } from './models/review-attachment.ts';
import { Delivery, GatewayCallback, Payment, ResultDocument, Seal, SealUse } from './models/results.ts';
import { ModelerDeployment, ProcessDraft, ProcessDraftRevision } from './models/process-draft.ts';
import { CaseRating, RatingRectification } from './models/rating.ts';
import { ItemForm } from './models/item-form.ts';

export { Department, User, Item, Bundle, Attachment, Case, CaseMaterial, TimelineEvent, Opinion, CalendarOverride, Commitment, ELicense, CaseLicense, CaseCopy, Notification, Deputy, ReviewAttachment, Seal, SealUse, ResultDocument, Payment, GatewayCallback, Delivery };
export { ProcessDraft, ProcessDraftRevision, ModelerDeployment };
export { CaseRating, RatingRectification };
export { ItemForm };

export interface Database {
  sequelize: Sequelize;
  dialect: ReturnType<typeof dialectOf>;
  close(): Promise<void>;
}

/** Opens the app database, brings its schema up to date and binds the models. */
export async function openDatabase(url: string, logger?: Logger): Promise<Database> {
  const sequelize = createSequelize(url, logger);
  await sequelize.authenticate();
  await migrateUp(sequelize, logger);
  for (const model of [Department, User, Item, Bundle, Attachment, Case, CaseMaterial, TimelineEvent, Opinion, CalendarOverride, Commitment, ELicense, CaseLicense, CaseCopy, Notification, Deputy, ReviewAttachment, Seal, SealUse, ResultDocument, Payment, GatewayCallback, Delivery]) {
    model.initModel(sequelize);
  }
  for (const model of [ProcessDraft, ProcessDraftRevision, ModelerDeployment]) model.initModel(sequelize);
  for (const model of [CaseRating, RatingRectification]) model.initModel(sequelize);
  ItemForm.initModel(sequelize);
  return { sequelize, dialect: dialectOf(url), close: () => sequelize.close() };
}
