/**
 * What a scan opens: the deputy's or station's page, with the next reception days and the public
 * results (五公开). Kept apart from
 * `codes` so that the resident function does not carry the QR-code library.
 */
export { landing } from './landing';
export { PUBLIC_OUTCOMES, publicResults, type PublicSubject } from './public-results';
