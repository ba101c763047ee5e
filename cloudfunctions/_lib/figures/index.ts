/** The accounts kept from the cases: figures, records (履职档案), and what the office reads. */
export { record } from './deputy-record';
