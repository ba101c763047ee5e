/**
 * The one place in the functions that reads the real clock. Everything else takes `now` from here
 * (through ActionContext.now, or as an argument), so that the local stack can say what time it is:
 * it adds `local_stack_now_ms` to the context of every call (stack/functions.ts). CloudBase adds no
 * such field, so deployed functions always run on real time; the field is part of the context the
 * platform builds, never of the event a caller sends.
 */

export const LOCAL_NOW_FIELD = 'local_stack_now_ms';

/** The instant a call runs at: the local stack's clock when the context carries it, else real time. */
export function nowFrom(context: unknown): number {
  const given =
    typeof context === 'object' && context !== null
      ? (context as Record<string, unknown>)[LOCAL_NOW_FIELD]
      : undefined;
  // A Date holds ±8.64e15 ms; anything else there is not a time and is ignored.
  return typeof given === 'number' && Number.isSafeInteger(given) && Math.abs(given) <= 8.64e15
    ? given
    : Date.now();
}
