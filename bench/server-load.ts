import { samplePdf, samplePng } from '../test/support/files.ts';

/** Submits `count` complete cases through the server's API, `concurrency` at a time, as the demo clerk. */
export async function submitLoad(serverUrl: string, count: number, concurrency: number): Promise<void> {
  const login = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'clerk', password: 'demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  const auth = { Authorization: `Bearer ${token}` };
  const upload = async (name: string, bytes: Buffer) => {
    const form = new FormData();
    form.set('file', new Blob([bytes]), name);
    const res = await fetch(`${serverUrl}/api/v1/attachments`, { method: 'POST', headers: auth, body: form });
    return ((await res.json()) as { id: string }).id;
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) {
        // the application form (申请书) is generated from the form by the platform, never uploaded
        const materials = [
          { code: 'operator-id', attachmentId: await upload('id.png', samplePng()) },
          { code: 'premises-proof', attachmentId: await upload('lease.pdf', samplePdf('lease')) },
        ];
        const res = await fetch(`${serverUrl}/api/v1/cases`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            itemCode: 'SCJG-GT-001',
            applicant: { name: '张三', idType: 'resident_id', idNo: '430102199003071234', phone: '13800138000' },
            form: {
              operatorName: '张三',
              operatorIdNo: '430102199003071234',
              operatorPhone: '13800138000',
              organizationForm: 'individual',
              businessScope: '小吃服务',
              premisesAddress: '长沙市芙蓉区五一大道100号',
              employees: 2,
            },
            materials,
          }),
        });
        if (res.status !== 201) throw new Error(`submission failed: ${res.status} ${await res.text()}`);
      }
    }),
  );
}
