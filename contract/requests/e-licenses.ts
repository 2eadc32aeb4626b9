/** 注销电子证照: the body of POST /e-licenses/{id}/revoke, checked by the server (server/e-licenses) and by the administrator's dialog. */
export const revocationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { type: 'string', minLength: 2, maxLength: 200, pattern: '\\S', title: '注销原因', 'x-title-en': 'Reason' } },
} as const;
