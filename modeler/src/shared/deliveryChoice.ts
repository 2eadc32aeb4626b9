import type { DeliveryChoice } from '../../../contract/requests/delivery.ts';

/** 送达方式 as a page edits it: the method, and the recipient's fields for mail. */
export interface DeliveryFieldValues {
  method: DeliveryChoice['method'];
  name: string;
  phone: string;
  address: string;
}

/** The fields of a delivery choice a problem can be shown at (the contract's field names). */
export type DeliveryField = 'method' | 'recipient.name' | 'recipient.phone' | 'recipient.address';

/** Empty values: the results sent electronically until someone chooses otherwise. */
export const noDeliveryChoice = (): DeliveryFieldValues => ({ method: 'electronic', name: '', phone: '', address: '' });

/** The choice as it is sent: a recipient only for mail, trimmed. */
export const deliveryChoiceOf = (values: DeliveryFieldValues): DeliveryChoice =>
  values.method === 'logistics'
    ? { method: 'logistics', recipient: { name: values.name.trim(), phone: values.phone.trim(), address: values.address.trim() } }
    : { method: values.method };
