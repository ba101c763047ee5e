/**
 * What a scan opens: the deputy's or station's page, with the next reception days. Kept apart from
 * `codes` so that the resident function does not carry the QR-code library.
 */
export { landing } from './landing';
