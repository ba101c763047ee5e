import { EJSON } from 'bson';
import { runInNewContext } from 'node:vm';
import { fromStored, fromWire, isPlainJson, toStored } from '../../stack/db/codec';
import { prepareNew } from '../../stack/db/documents';

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

describe('the wire', () => {
  // As @cloudbase/database sends them: canonical EJSON numbers, dates, regular expressions, server dates.
  const wire = [
    '{"caseNo":"20261206-6754","location":{"latitude":{"$numberDouble":"26.08"}},"version":{"$numberInt":"1"},"createdAt":{"$numberLong":"1796524729204"},"events":[{"seq":{"$numberInt":"1"}}],"rate":{"$numberDouble":"1.0"},"neg":{"$numberInt":"-0"}}',
    '{"code":"D00001","photos":[],"anonymous":false,"phone":null}',
    '{"big":{"$numberLong":"9007199254740993"},"wide":{"$numberInt":"3000000000"},"far":{"$numberDouble":"Infinity"}}',
    '{"at":{"$date":{"$numberLong":"1796524729204"}},"n":{"$numberInt":"4"}}',
    '{"name":{"$regularExpression":{"pattern":"^张","options":"i"}}}',
    '{"at":{"$tcb_server_date":{"offset":{"$numberInt":"0"}}}}',
    '{"price":"\\u0024 5"}',
    // Looks like a number, but is text: read by EJSON, as any `"$` in a string is.
    '{"note":"{\\"$numberInt\\":\\"2\\"}"}',
  ];

  it.each(wire)('reads %s as EJSON does, and stores it the same', (text) => {
    const read = fromWire(text) as Record<string, unknown>;
    const ejson = EJSON.parse(text, { relaxed: true }) as Record<string, unknown>;
    expect(read).toEqual(text.includes('regularExpression') ? { name: /^张/i } : ejson);
    if (text.includes('"neg"')) expect(Object.is(read.neg, -0)).toBe(true);
    if (text.includes('regularExpression')) return; // stored as any RegExp is (above)
    const doc = prepareNew(read, 5);
    const fromEjson = prepareNew({ _id: doc._id, ...structuredClone(ejson) }, 5);
    expect(toStored(doc)).toBe(toStored(fromEjson));
  });

  it('reads plain JSON and numbers without EJSON, and nothing else', () => {
    expect(wire.map((text) => isPlainJson(fromWire(text)))).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    // A new document keeps the mark, with the id it is given, and is stored as JSON writes it.
    const doc = prepareNew(fromWire(wire[1]) as Record<string, unknown>, 0);
    expect(isPlainJson(doc)).toBe(true);
    expect(toStored(doc)).toBe(
      JSON.stringify({ _id: doc._id, code: 'D00001', photos: [], anonymous: false, phone: null }),
    );
  });
});
