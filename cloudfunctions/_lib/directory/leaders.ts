import { collection, findOne, type Db, type StationDoc, type StationLeader } from '../platform';

/**
 * A station's 分管领导 as a person who binds a WeChat account: found by their id in the station's
 * leaders' list (the id stays through renames), and their account kept on that list for reminders.
 */

export async function findLeader(
  db: Db,
  leaderId: string | null,
): Promise<{ station: StationDoc; leader: StationLeader } | null> {
  if (!leaderId) return null;
  const station = await findOne(db, 'stations', { 'leaders.id': leaderId });
  const leader = station?.leaders?.find((l) => l.id === leaderId);
  return station && leader ? { station, leader } : null;
}

/**
 * Points the leader's entry at the caller's account and takes the leader's role from the account
 * bound before (a new phone). The leaders' list is written whole, conditional on the station's
 * `updatedAt` as read, so an office edit in between is never overwritten: the move is read again.
 */
export async function moveLeaderAccount(
  db: Db,
  leaderId: string,
  openid: string,
  now: number,
): Promise<void> {
  const _ = db.command;
  for (let round = 0; round < 5; round++) {
    const found = await findLeader(db, leaderId);
    if (!found) return;
    const { station, leader } = found;
    const previous = leader.openid ?? null;
    if (previous === openid) return;
    const leaders = (station.leaders ?? []).map((l) => (l.id === leaderId ? { ...l, openid } : l));
    const { updated } = await collection(db, 'stations')
      .where({ _id: station._id, updatedAt: station.updatedAt ?? _.exists(false) })
      .update({ leaders: _.set(leaders), updatedAt: Math.max(now, (station.updatedAt ?? 0) + 1) });
    if (!updated) continue;
    if (previous) {
      await collection(db, 'users')
        .where({ _id: previous })
        .update({ roles: _.pull({ role: 'leader', leaderId }) });
    }
    return;
  }
  throw new Error(`[binding] could not move leader ${leaderId} to its new account`);
}
