import { expect } from 'chai';
import { halfHourSlots, hallRules } from '../../contract/requests/organization.ts';

describe('a hall’s opening periods (在线预约’s slots)', () => {
  it('cuts the periods into half-hour slots, each named by its start', () => {
    expect(
      halfHourSlots([
        { from: '09:00', to: '10:30' },
        { from: '13:30', to: '14:30' },
      ]),
    ).to.deep.equal(['09:00', '09:30', '10:00', '13:30', '14:00']);
    expect(halfHourSlots([{ from: '23:00', to: '24:00' }])).to.deep.equal(['23:00', '23:30']);
  });

  it('refuses a period that ends before it starts or starts inside the previous one, and half a map point', () => {
    expect(hallRules({ openingPeriods: [{ from: '09:00', to: '09:00' }] }).map((p) => p.field)).to.deep.equal(['openingPeriods/0/to']);
    expect(
      hallRules({
        openingPeriods: [
          { from: '09:00', to: '12:00' },
          { from: '08:00', to: '10:00' },
        ],
      }).map((p) => p.field),
    ).to.deep.equal(['openingPeriods/1/from']);
    expect(hallRules({ latitude: 28.2, longitude: null }).map((p) => p.message.en)).to.deep.equal([
      'Coordinates: give both latitude and longitude, or neither',
    ]);
    expect(hallRules({ latitude: 28.2, longitude: 112.9, openingPeriods: [{ from: '09:00', to: '12:00' }] })).to.deep.equal([]);
  });
});
