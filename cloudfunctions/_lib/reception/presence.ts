import { collection, duplicateIndex, getById, type Db } from '../platform';

/**
 * Who was present on a reception day (`present`), changed one deputy at a time on the day's
 * document and on `reception_attendance` (what the deputy record reads): each change is one update
 * the database applies atomically (`addToSet`, `pull`), so sign-ins on 今天 and attendance taken
 * on 本月概览 at the same moment all count, and a retry changes nothing (decision 0030).
 */

type PresenceCollection = 'reception_days' | 'reception_attendance';

/** Turns a null `present` (attendance not taken) into a list: either of two racing calls may do it. */
async function makeList(db: Db, name: PresenceCollection, id: string): Promise<void> {
  await collection(db, name)
    .where({ _id: id, present: null })
    .update({ present: db.command.set([]) });
}

/**
 * The attendance document of a reception day, created from the day when missing, so that the
 * deputies can then be added to it one by one. The day's document must exist.
 */
async function ensureAttendance(db: Db, id: string): Promise<void> {
  if (await getById(db, 'reception_attendance', id)) return;
  const stored = await getById(db, 'reception_days', id);
  if (!stored) return;
  try {
    await collection(db, 'reception_attendance').add({
      _id: id,
      stationId: stored.stationId,
      date: stored.date,
      deputies: stored.published ? stored.deputies : [],
      leader: stored.published ? stored.leader : null,
      present: stored.present,
    });
  } catch (error) {
    if (!duplicateIndex(error)) throw error;
  }
}

/**
 * Adds deputies to `present` and pulls others from it, on the day (whose document exists) and on
 * its attendance, each deputy an update of its own. With nobody to change, attendance is still
 * marked as taken (an empty list, not null).
 */
export async function changePresence(
  db: Db,
  id: string,
  change: { add: readonly string[]; remove: readonly string[] },
): Promise<void> {
  const _ = db.command;
  await ensureAttendance(db, id);
  for (const name of ['reception_days', 'reception_attendance'] as const) {
    await makeList(db, name, id);
    const docs = collection(db, name);
    for (const who of change.add) await docs.where({ _id: id }).update({ present: _.addToSet(who) });
    for (const who of change.remove)
      await docs.where({ _id: id, present: who }).update({ present: _.pull(who) });
  }
}
