/**
 * Random identifiers made on the phone. `random` answers in [0, 1), as Math.random does; it is
 * injected so that tests can pin it.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random token of letters and digits. */
export function randomToken(length: number, random: () => number): string {
  let token = '';
  for (let i = 0; i < length; i += 1) {
    token += ALPHABET[Math.min(ALPHABET.length - 1, Math.floor(random() * ALPHABET.length))];
  }
  return token;
}

/**
 * The id that makes a submit or a reply safe to retry: made once per draft (or per reply text) and
 * sent again with every retry, so the function answers the case it already stored instead of a
 * second one. 24 letters and digits: about 143 bits, and within the contract's 8–64 characters.
 */
export const newClientRequestId = (random: () => number): string => randomToken(24, random);

/** What a client request id must look like: what newClientRequestId makes, and what functions accept. */
export const CLIENT_REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

export const isClientRequestId = (value: unknown): value is string =>
  typeof value === 'string' && CLIENT_REQUEST_ID.test(value);

/** The message a malformed request id gets: the phone made it, so the person can only submit again. */
export const CLIENT_REQUEST_ID_MESSAGE = '请求编号无效，请重新提交';
