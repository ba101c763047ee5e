/** The notification outbox: messages queued in the same write as their cause, delivered at most once. */
export {
  BACKOFF_MINUTES,
  deliverQueued,
  LEASE_MS,
  MAX_ATTEMPTS,
  newJob,
  outboxDueAt,
  queueAndDeliver,
  queueing,
  sweepOutbox,
  type OutboxCollection,
  type OutboxOwner,
} from './outbox';
