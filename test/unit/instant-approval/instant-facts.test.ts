import { expect } from 'chai';
import { ageOn, companyFacts, personFacts } from '../../../server/instant-approval/instant-facts.ts';
import { instantApprovalProblems, instantFacts } from '../../../contract/catalog/instant-approval.ts';
import type { CompanyRecord, PersonRecord } from '../../../server/shared-data/index.ts';

const father = '430102199003071234';
const mother = '430102199205080026';
const baby = (relation: 'child' | 'grandchild'): PersonRecord => ({
  idNo: '430102202611170021',
  name: '张小满',
  sex: 'female',
  birthDate: '2026-11-17',
  status: 'alive',
  deathDate: null,
  maritalStatus: 'unmarried',
  disability: null,
  household: {
    householdNo: 'H1',
    address: '长沙市芙蓉区五一大道100号',
    regionCode: '430102',
    relation,
    members: [
      { idNo: father, name: '张三', relation: 'head', alive: true },
      { idNo: mother, name: '李梅', relation: 'spouse', alive: true },
      { idNo: '430102202611170021', name: '张小满', relation, alive: true },
    ],
  },
});

describe('秒批 facts (server/instant-approval/instant-facts.ts)', () => {
  it('counts age in whole years and months, a day short of the birthday not yet a year', () => {
    expect(ageOn('1946-12-10', '2026-12-09')).to.deep.equal({ years: 79, months: 959 });
    expect(ageOn('1946-12-10', '2026-12-10')).to.deep.equal({ years: 80, months: 960 });
    expect(ageOn('2026-11-17', '2026-12-07')).to.deep.equal({ years: 0, months: 0 });
    expect(ageOn('2023-12-08', '2026-12-07')).to.deep.equal({ years: 2, months: 35 });
    expect(ageOn('2023-12-07', '2026-12-07')).to.deep.equal({ years: 3, months: 36 });
  });

  it('names each fact as the contract lists it, for people and companies', () => {
    const person = Object.keys(personFacts(baby('child'), '张小满', father, '2026-12-07', '430100'));
    const company = Object.keys(companyFacts(null, '', father, '430100'));
    const listed = instantFacts([
      { registry: 'population', subject: '', numberField: 'x' },
      { registry: 'legal_person', subject: '', numberField: 'y' },
    ]).map((f) => f.name);
    expect([...person, ...company]).to.deep.equal(listed);
  });

  it('finds the applicant a parent of a child of the head or the spouse, not of a grandchild', () => {
    const facts = personFacts(baby('child'), '张小满', father, '2026-12-07', '430100');
    expect(facts).to.deep.include({
      Found: true,
      NameMatches: true,
      Alive: true,
      AgeMonths: 0,
      LocalHousehold: true,
      IsApplicant: false,
      ApplicantIsParent: true,
    });
    expect(personFacts(baby('child'), '张小满', mother, '2026-12-07', '430100').ApplicantIsParent).to.equal(true);
    expect(personFacts(baby('grandchild'), '张小满', father, '2026-12-07', '430100').ApplicantIsParent).to.equal(false);
    expect(personFacts(baby('child'), '张小满', '430102198506120021', '2026-12-07', '430100').ApplicantIsParent, 'not in the household').to.equal(false);
    expect(personFacts(baby('child'), '张小满', father, '2026-12-07', '430600').LocalHousehold, 'another city').to.equal(false);
    expect(personFacts(baby('child'), '张小蛮', father, '2026-12-07', '430100').NameMatches).to.equal(false);
  });

  it('says what a number not found gives: nothing true, no age', () => {
    expect(personFacts(null, '张三', father, '2026-12-07', '430100')).to.deep.equal({
      Found: false,
      NameMatches: false,
      Alive: false,
      AgeYears: null,
      AgeMonths: null,
      LocalHousehold: false,
      IsApplicant: false,
      ApplicantIsParent: false,
      DisabilityLevel: null,
    });
    const company: CompanyRecord = {
      creditCode: '91430100MA4L1A2B3F',
      name: '长沙芙蓉示范餐饮有限公司',
      type: 'limited_liability',
      legalRepresentative: { name: '张三', idNo: father },
      registeredCapitalYuan: 500000,
      address: '长沙市芙蓉区',
      regionCode: '430102',
      businessScope: '餐饮服务',
      status: 'revoked',
      statusChangedOn: '2026-01-01',
      establishedOn: '2020-01-01',
    };
    expect(companyFacts(company, '长沙芙蓉示范餐饮有限公司', father, '430100')).to.deep.equal({
      Found: true,
      NameMatches: true,
      Active: false,
      Type: 'limited_liability',
      RepresentativeIsApplicant: true,
      LocalRegistration: true,
      RegisteredCapitalWan: 50,
    });
    expect(companyFacts({ ...company, registeredCapitalYuan: null }, '', father, '430100').RegisteredCapitalWan, 'none declared').to.equal(null);
    expect(companyFacts({ ...company, registeredCapitalYuan: 15_999 }, '', father, '430100').RegisteredCapitalWan, 'whole 万元').to.equal(1);
  });
});

describe('秒批 settings of an item (contract/catalog/instant-approval.ts)', () => {
  const instant = {
    decision: 'individual_business_instant',
    checks: [{ registry: 'population' as const, subject: 'operator', numberField: 'operatorIdNo', nameField: 'operatorName' }],
  };
  const available = { formFields: ['operatorIdNo', 'operatorName', 'businessScope'], questions: ['entrusted'] };

  it('accepts a decision that reads the form, the answers and the checks’ facts', () => {
    expect(instantApprovalProblems(instant, available, ['operatorFound', 'operatorAgeYears', 'businessScope', 'entrusted'])).to.deep.equal([]);
  });

  it('refuses a decision not deployed, one reading what a case lacks, fields the form lacks and a subject twice', () => {
    expect(instantApprovalProblems(instant, available, null).map((p) => p.field)).to.deep.equal(['instantApproval.decision']);
    const missing = instantApprovalProblems(instant, available, ['operatorFound', 'companyActive', 'income']);
    expect(missing.map((p) => p.message['zh-CN'])).to.deep.equal(['决策表读取的输入在办件中没有：companyActive、income（可用：表单字段、办理情形、核验结果）']);
    const bad = instantApprovalProblems(
      { decision: 'x', checks: [instant.checks[0]!, { registry: 'legal_person', subject: 'operator', numberField: 'creditCode', nameField: 'companyName' }] },
      available,
      [],
    );
    expect(bad.map((p) => p.field)).to.deep.equal([
      'instantApproval.checks.1.subject',
      'instantApproval.checks.1.numberField',
      'instantApproval.checks.1.nameField',
    ]);
  });
});
