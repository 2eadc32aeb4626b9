import { expect } from 'chai';
import {
  creditCodeCheckCharacter,
  isValidCreditCode,
  isValidMobile,
  isValidResidentIdNumber,
  residentIdCheckCharacter,
} from '../../contract/validation/id-numbers.ts';

describe('identifier checksums', () => {
  it('accepts GB 11643 resident ID numbers with the right check character and birth date', () => {
    expect(isValidResidentIdNumber('11010519491231002X')).to.equal(true);
    expect(isValidResidentIdNumber('430102199003071234')).to.equal(true);
    expect(isValidResidentIdNumber('430102199003071235'), 'wrong check digit').to.equal(false);
    expect(isValidResidentIdNumber('430102199002301238'), 'Feb 30').to.equal(false);
    expect(isValidResidentIdNumber('11010519491231002x'), 'lower-case x').to.equal(false);
    expect(isValidResidentIdNumber('1101051949123100'), 'too short').to.equal(false);
  });

  it("takes a birth date of today in China at any hour, also before UTC's day has begun, and refuses tomorrow", () => {
    const chinaDay = (offsetDays: number) => new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const born = (day: string) => `430102${day}123` + residentIdCheckCharacter(`430102${day}123`);
    expect(isValidResidentIdNumber(born(chinaDay(0))), `born ${chinaDay(0)}`).to.equal(true);
    expect(isValidResidentIdNumber(born(chinaDay(1))), `born ${chinaDay(1)}`).to.equal(false);
  });

  it('accepts GB 32100 unified social credit codes with the right check character', () => {
    expect(isValidCreditCode('91350100M000100Y43')).to.equal(true);
    expect(isValidCreditCode('91350100M000100Y44')).to.equal(false);
    expect(isValidCreditCode('91350100M000100I43'), 'I is not in the code set').to.equal(false);
  });

  it('makes the check character of the first 17 characters, as the checks expect it', () => {
    expect(residentIdCheckCharacter('11010519491231002')).to.equal('X');
    expect(residentIdCheckCharacter('43010219900307123')).to.equal('4');
    expect(creditCodeCheckCharacter('91350100M000100Y4')).to.equal('3');
  });

  it('accepts mainland mobile numbers only', () => {
    expect(isValidMobile('13800138000')).to.equal(true);
    expect(isValidMobile('12800138000')).to.equal(false);
    expect(isValidMobile('1380013800')).to.equal(false);
  });
});
