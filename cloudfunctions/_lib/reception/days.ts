import { fail, isFailure, type Failure } from '../../../miniprogram/core/result';
import { collection, duplicateIndex, type Db, type ReceptionDayDoc } from '../platform';
import { receptionDayId } from './plan';

/** Writing a reception day's document, and keeping the attendance the deputy record reads in step. */

export type DayFields = Partial<
  Omit<ReceptionDayDoc, '_id' | 'stationId' | 'originDate' | 'version' | 'createdAt'>
>;

/** Fields for an update, arrays and objects written whole (`_.set`), never merged. */
const wholeFields = (db: Db, fields: DayFields) =>
  Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, v !== null && typeof v === 'object' ? db.command.set(v) : v]),
  );

/**
 * Writes fields of one reception day's document, creating it on first use. Every write bumps
 * `version`, so an update reports whether the document exists; a creation racing another falls
 * back to the update. Arrays and objects are written whole (`_.set`), never merged.
 */
export async function writeDay(
  db: Db,
  stationId: string,
  day: { originDate: string; date: string },
  fields: DayFields,
  now: number,
): Promise<void> {
  const _ = db.command;
  const days = collection(db, 'reception_days');
  const id = receptionDayId(stationId, day.originDate);
  const update = () =>
    days.where({ _id: id }).update({ ...wholeFields(db, fields), version: _.inc(1), updatedAt: now });
  if ((await update()).updated) return;
  const fresh: ReceptionDayDoc = {
    _id: id,
    stationId,
    originDate: day.originDate,
    date: day.date,
    deputies: [],
    leader: null,
    published: false,
    publishedAt: null,
    rosterBy: null,
    present: null,
    attendanceAt: null,
    attendanceBy: null,
    outbox: [],
    outboxDueAt: null,
    outboxRev: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
  try {
    await days.add(fresh);
  } catch (error) {
    if (!duplicateIndex(error)) throw error;
    await update();
  }
}

/**
 * Changes an existing reception day by compare-and-set on its `version`: `change` sees the document
 * as stored and answers the fields to write, null when there is nothing to do (a retry), or a
 * Failure. Tried again on a fresh read when someone else wrote in between; CONFLICT after three.
 */
export async function updateDay(
  db: Db,
  id: string,
  change: (doc: ReceptionDayDoc) => DayFields | null | Failure,
  now: number,
): Promise<ReceptionDayDoc | Failure> {
  const days = collection(db, 'reception_days');
  for (let attempt = 0; attempt < 3; attempt++) {
    const { data } = await days.where({ _id: id }).limit(1).get();
    const doc = data[0];
    if (!doc) return fail('NOT_FOUND', '没有找到这个接待日');
    const fields = change(doc);
    if (fields === null) return doc;
    if (isFailure(fields)) return fields;
    const { updated } = await days
      .where({ _id: id, version: doc.version })
      .update({ ...wholeFields(db, fields), version: doc.version + 1, updatedAt: now });
    if (updated) return { ...doc, ...fields, version: doc.version + 1 };
  }
  return fail('CONFLICT', '值班安排刚刚被其他人修改，请刷新后再试');
}

/**
 * Keeps `reception_attendance` (what deputy.record reads: core/deputy-record.ts AttendanceDay) in
 * step with one reception day: a document exists while the day is held (not cancelled) and has a
 * published roster or attendance taken; its `deputies` are the published roster (a draft is not
 * duty). Derived entirely from the reception day, so rewriting it is always safe.
 */
export async function syncAttendance(db: Db, doc: ReceptionDayDoc | null, held: boolean): Promise<void> {
  if (!doc) return;
  const ref = collection(db, 'reception_attendance').doc(doc._id);
  const deputies = doc.published ? doc.deputies : [];
  if (!held || (deputies.length === 0 && doc.present === null)) {
    await ref.remove();
    return;
  }
  await ref.set({
    stationId: doc.stationId,
    date: doc.date,
    deputies,
    leader: doc.published ? doc.leader : null,
    present: doc.present,
  });
}
