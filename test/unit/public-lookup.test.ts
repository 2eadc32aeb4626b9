import { expect } from 'chai';
import { normalisePhone } from '../../server/cases/public-lookup.ts';
import { mask } from '../../server/cases/case-view.ts';

describe('办件查询 without signing in: phones and masks', () => {
  it('reads a phone as people write it: spaces, dashes, brackets and the country code dropped', () => {
    for (const written of [
      '13800138000',
      '138 0013 8000',
      '138-0013-8000',
      '+86 138-0013-8000',
      '+8613800138000',
      '0086 13800138000',
      '86 138 0013 8000',
      '(+86) 13800138000',
    ]) {
      expect(normalisePhone(written), written).to.equal('13800138000');
    }
    expect(normalisePhone('+86 1380013800'), 'not a mobile number after +86: left as written').to.equal('+861380013800');
    expect(normalisePhone('0731-8888 1234'), 'a landline keeps its area code').to.equal('073188881234');
  });

  it('masks a name to its first character and keeps the ends it is asked to', () => {
    expect(mask('张三', 1, 0)).to.equal('张*');
    expect(mask('欧阳娜娜', 1, 0)).to.equal('欧***');
    expect(mask('13800138000', 3, 4)).to.equal('138****8000');
    expect(mask('430102199003071234', 4, 4)).to.equal('4301**********1234');
  });
});
