import { runInNewContext } from 'node:vm';
import { fromStored, toStored } from '../../stack/db/codec';

describe('storage encoding', () => {
  it('keeps a Date a Date, even one made in another realm (a test runner, structuredClone)', () => {
    const foreign = runInNewContext('new Date(Date.UTC(1969, 6, 20, 20, 17))') as Date;
    expect(foreign instanceof Date).toBe(false);
    const back = fromStored(toStored({ landed: foreign, local: new Date(0) }));
    expect(back.landed).toEqual(new Date('1969-07-20T20:17:00.000Z'));
    expect(back.local).toEqual(new Date(0));
  });

  it('writes dates as ISO text, so that stored dates sort in time order (before 1970 too)', () => {
    expect(toStored({ d: new Date('1969-12-31T23:59:59.000Z') })).toBe(
      '{"d":{"$date":"1969-12-31T23:59:59.000Z"}}',
    );
  });
});
