/**
 * The delivery choice's schema is the contract's (contract/requests/delivery.ts: the applicant's page
 * checks it too). This entry stays for server/cases/submission-schema.ts, which embeds it in POST /cases.
 */
export { DELIVERY_METHODS, deliveryChoiceSchema } from '../../contract/requests/delivery.ts';
