import { expect } from 'chai';
import { api, auth, waitForStatus } from '../support/api.ts';
import { chooseDelivery, deliveryOf, handOver } from '../support/delivery.ts';
import { approveFoodLicenceItem, approveRegistrationItem, submitRestaurantBundle } from '../support/restaurant-bundle.ts';
import { Case } from '../../server/cases/case.model.ts';
import { ResultDocument } from '../../server/results/result-document.model.ts';

describe("统一出件: a bundle delivers every item's results in one package", () => {
  it('waits for the last item, then offers all the results at the window at once; the items have no delivery of their own', async () => {
    // 开办餐饮店 with a business registration and a food licence, both at the market regulator
    const res = await submitRestaurantBundle('applicant');
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;
    const [registration, food] = [`${caseNo}-01`, `${caseNo}-02`];

    const onItem = await chooseDelivery('applicant', registration, { method: 'pickup' });
    expect(onItem.status).to.equal(409);
    expect(onItem.body.error.code).to.equal('delivery_by_bundle');
    expect((await chooseDelivery('applicant', caseNo, { method: 'pickup' })).status).to.equal(200);

    await approveRegistrationItem(caseNo);
    await waitForStatus('applicant', registration, 'approved');
    // one item decided: nothing is delivered yet
    expect((await deliveryOf('applicant', caseNo)).started).to.equal(false);

    await approveFoodLicenceItem(caseNo);
    await waitForStatus('applicant', caseNo, 'delivering');

    const delivery = await deliveryOf('applicant', caseNo);
    expect(delivery).to.include({ method: 'pickup', status: 'preparing', shipmentNo: `DLV-${caseNo}` });
    const carried = delivery.documents as { id: number; caseNo: string; kind: string; url: string }[];
    const items = await Case.findAll({ where: { caseNo: [caseNo, registration, food] } });
    const sealed = await ResultDocument.findAll({ where: { caseId: items.map((c) => c.id) } });
    expect(
      carried.map((d) => d.id),
      'every sealed result of the bundle and its items',
    ).to.have.members(sealed.map((d) => d.id));
    expect(carried.map((d) => d.caseNo)).to.include.members([registration, food]);
    expect(carried.filter((d) => d.kind === 'decision_approved')).to.have.length(2);

    // each document names what it is of (the two decisions read apart), its title in the reader's language
    for (const language of ['zh-CN', 'en']) {
      const listed = await api()
        .get(`/api/v1/cases/${caseNo}/delivery`)
        .set(await auth('applicant'))
        .set('Accept-Language', language);
      const names = new Map<string, string>();
      for (const no of [caseNo, registration, food]) {
        const view = await api()
          .get(`/api/v1/cases/${no}`)
          .set(await auth('applicant'))
          .set('Accept-Language', language);
        names.set(no, view.body.item.name as string);
      }
      const documents = listed.body.documents as { caseNo: string; kind: string; title: string; subject: string }[];
      for (const d of documents) expect(d.subject, `${language} ${d.kind} of ${d.caseNo}`).to.equal(names.get(d.caseNo));
      const decisions = documents.filter((d) => d.kind === 'decision_approved');
      expect(new Set(decisions.map((d) => d.subject)).size, language).to.equal(2);
      if (language === 'en') for (const d of documents) expect(d.title, 'an English title').to.match(/^[\x20-\x7E]+$/);
      else for (const d of documents) expect(d.title, 'the Chinese title').to.match(/[\u4e00-\u9fff]/);
    }

    // an item's result is downloadable through the bundle and through the item itself
    const itemDocument = carried.find((d) => d.caseNo === food)!;
    expect(
      (
        await api()
          .get(itemDocument.url)
          .set(await auth('applicant'))
      ).status,
    ).to.equal(200);
    expect(
      (
        await api()
          .get(`/api/v1/cases/${food}/documents/${itemDocument.id}`)
          .set(await auth('applicant'))
      ).status,
    ).to.equal(200);
    const asItem = await deliveryOf('applicant', food);
    expect(asItem).to.include({ deliveredWith: caseNo, method: 'pickup', status: 'preparing' });

    expect((await handOver('clerk', registration, delivery.pickup.code)).status, 'handed over on the bundle').to.equal(409);
    expect((await handOver('clerk', caseNo, delivery.pickup.code)).status).to.equal(200);
    const delivered = await waitForStatus('applicant', caseNo, 'delivered');
    expect(delivered.timeline.filter((e: { type: string }) => e.type === 'delivery.started')).to.have.length(1);
  });
});
