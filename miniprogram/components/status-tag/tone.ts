import type { CaseStatus } from '../../core/model';

/** How a status looks: what needs someone's attention stands out, what is finished recedes. */
export type Tone = 'warning' | 'info' | 'success' | 'muted';

const TONES: Record<CaseStatus, Tone> = {
  submitted: 'warning',
  accepted: 'info',
  pending_review: 'info',
  in_progress: 'info',
  answered: 'success',
  closed: 'muted',
  declined: 'muted',
  merged: 'muted',
  withdrawn: 'muted',
};

export const toneOf = (status: string): Tone => TONES[status as CaseStatus] ?? 'muted';
