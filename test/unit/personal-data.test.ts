import { expect } from 'chai';
import { migrator } from '../../server/db/migrate.ts';
import { Sequelize } from 'sequelize';
import { isMaskedEcho, maskPersonal, personalFieldsOf } from '../../contract/catalog/personal.ts';
import { installedPersonalDataKeys, parseKeyRing, usePersonalDataKeys } from '../../server/privacy/keys.ts';
import { lookupHash, open, seal, SealBrokenError } from '../../server/privacy/sealing.ts';
import { maskForm, maskUnmarked, restoreMaskedEchoes } from '../../server/privacy/mask-form.ts';
import { resealPersonalData } from '../../server/privacy/reseal.ts';
import { User } from '../../server/auth/user.model.ts';
import { personalDataIn } from '../support/personal-data-scan.ts';

const K1 = { id: 'k1', secret: 'one-secret-of-at-least-thirty-two-chars' };
const K2 = { id: 'k2', secret: 'two-secret-of-at-least-thirty-two-chars' };
const INDEX = 'index-secret-of-at-least-thirty-two-chars';
const ID = '430102199003071234';

describe('个人信息: marked, masked, sealed at rest (SM4) and found by keyed hash (SM3)', () => {
  it('knows the personal fields of a form: marked by x-personal, or by an ID-number or mobile format', () => {
    const fields = personalFieldsOf({
      properties: {
        operatorIdNo: { format: 'cn-id-card' },
        operatorPhone: { format: 'cn-mobile' },
        householdAddress: { 'x-personal': 'address' },
        businessScope: {},
        creditCode: { format: 'cn-credit-code' },
      },
    });
    expect([...fields]).to.deep.equal([
      ['operatorIdNo', 'id-number'],
      ['operatorPhone', 'phone'],
      ['householdAddress', 'address'],
    ]);
  });

  it('masks ID numbers 4+4, phones 3+4 and addresses after the first six characters, whatever their length', () => {
    expect(maskPersonal('id-number', ID)).to.equal('4301**********1234');
    expect(maskPersonal('phone', '13800138000')).to.equal('138****8000');
    expect(maskPersonal('address', '湖南省长沙市芙蓉区五一大道100号')).to.equal('湖南省长沙市****');
    expect(maskPersonal('address', '湖南省长沙市')).to.equal('****');
    expect(personalDataIn(JSON.stringify([maskPersonal('id-number', ID), maskPersonal('phone', '13800138000')]))).to.deep.equal([]);
  });

  it('shows a field in full only to a step that names it, and takes a masked value back only for the one it stands for', () => {
    const personal = personalFieldsOf({ properties: { operatorIdNo: { format: 'cn-id-card' }, operatorName: {} } });
    const form = { operatorIdNo: ID, operatorName: '张三' };
    expect(maskForm(form, personal)).to.deep.equal({ operatorIdNo: '4301**********1234', operatorName: '张三' });
    expect(maskForm(form, personal, new Set(['operatorIdNo']))).to.deep.equal(form);
    expect(restoreMaskedEchoes({ operatorIdNo: '4301**********1234' }, form, personal)).to.deep.equal({ operatorIdNo: ID });
    expect(restoreMaskedEchoes({ operatorIdNo: '1101**********002X' }, form, personal)).to.deep.equal({ operatorIdNo: '1101**********002X' });
    expect(isMaskedEcho('id-number', ID, ID), 'a clear value is no echo').to.equal(false);
    expect(maskUnmarked({ holder: ID, phone: '13800138000', name: '张三', count: 3 })).to.deep.equal({
      holder: '4301**********1234',
      phone: '138****8000',
      name: '张三',
      count: 3,
    });
  });

  describe('sealing', () => {
    // the platform's own ring, when a run loads this file beside the API tests, is put back after
    let platformRing: ReturnType<typeof installedPersonalDataKeys>;
    before(() => (platformRing = installedPersonalDataKeys()));
    afterEach(() => usePersonalDataKeys({ keys: [K2, K1], indexKey: INDEX }));
    after(() => platformRing && usePersonalDataKeys(platformRing));

    it('seals under the current key, differently each time, opens under any key of the ring, and refuses a changed value', () => {
      usePersonalDataKeys({ keys: [K1], indexKey: INDEX });
      const old = seal(ID);
      expect(old).to.match(/^pd1:k1:/);
      usePersonalDataKeys({ keys: [K2, K1], indexKey: INDEX });
      const fresh = seal(ID);
      expect(fresh)
        .to.match(/^pd1:k2:/)
        .and.not.to.contain(ID);
      expect(seal(ID)).not.to.equal(fresh);
      expect(open(old)).to.equal(ID);
      expect(open(fresh)).to.equal(ID);
      expect(open('13800138000'), 'a value from before sealing reads as it is').to.equal('13800138000');
      const [, id, iv, ct, tag] = fresh.split(':');
      const flipped = `${ct![0] === 'A' ? 'B' : 'A'}${ct!.slice(1)}`;
      expect(() => open(['pd1', id, iv, flipped, tag].join(':'))).to.throw(SealBrokenError);
      usePersonalDataKeys({ keys: [K2], indexKey: INDEX });
      expect(() => open(old), 'a key that left the ring').to.throw(SealBrokenError, 'no key "k1"');
    });

    it('hashes for lookup by the index key alone, a final x as X', () => {
      usePersonalDataKeys({ keys: [K2], indexKey: INDEX });
      const h = lookupHash('11010519491231002X');
      usePersonalDataKeys({ keys: [K1], indexKey: INDEX });
      expect(lookupHash('11010519491231002x'))
        .to.equal(h)
        .and.to.match(/^[0-9a-f]{64}$/);
      usePersonalDataKeys({ keys: [K1], indexKey: `${INDEX}-other` });
      expect(lookupHash('11010519491231002X')).not.to.equal(h);
    });

    it('reads a key ring from PERSONAL_DATA_KEYS, newest first, and refuses a malformed entry', () => {
      expect(parseKeyRing('k2:abc, k1:def:with-colon')).to.deep.equal([
        { id: 'k2', secret: 'abc' },
        { id: 'k1', secret: 'def:with-colon' },
      ]);
      expect(() => parseKeyRing('no-id-here')).to.throw(/id:secret/);
    });

    it('re-seals rows in clear or under an older key, with their hashes, and leaves current ones alone', async () => {
      const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false, define: { underscored: true } });
      User.initModel(sequelize);
      // the users table as the migrations make it (all of them: a hand-made copy falls behind the schema)
      await migrator(sequelize).up();
      usePersonalDataKeys({ keys: [K1], indexKey: INDEX });
      const account = { displayName: '张三', passwordHash: 'x', roles: ['applicant' as const], departmentCode: null };
      await User.create({ ...account, username: 'old-key', idNo: ID, phone: '13800138000' });
      await sequelize.query(
        `INSERT INTO users (username, display_name, password_hash, roles, id_no, phone, active, created_at, updated_at) VALUES ('in-clear', '李四', 'x', '[]', '11010519491231002X', '13700137000', 1, datetime('now'), datetime('now'))`,
      );
      usePersonalDataKeys({ keys: [K2, K1], indexKey: INDEX });
      await User.create({ ...account, username: 'current', idNo: ID, phone: null });

      expect(await resealPersonalData(sequelize)).to.deep.equal({ users: 2 });
      const rows = (await sequelize.query('SELECT username, id_no, id_no_hash, phone FROM users ORDER BY id', { type: 'SELECT' })) as Record<
        string,
        string | null
      >[];
      for (const row of rows) {
        expect(row.id_no, row.username!).to.match(/^pd1:k2:/);
        expect(row.id_no_hash, row.username!).to.match(/^[0-9a-f]{64}$/);
        expect(personalDataIn(JSON.stringify(row)), row.username!).to.deep.equal([]);
      }
      expect((await User.findOne({ where: { idNoHash: lookupHash('11010519491231002X') } }))!.phone).to.equal('13700137000');
      expect(await resealPersonalData(sequelize), 'nothing left').to.deep.equal({});
      await sequelize.close();
    });
  });
});
