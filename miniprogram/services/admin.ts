import type { BindCodeView, BindRole } from '../core/api';
import { call } from './api';

/** What the congress office's screens ask of the `admin` cloud function, typed by the contract. */

/** A one-time bind code for a role; `targetId` names the deputy, station or unit (none for the office). */
export const createBindCode = (role: BindRole, targetId?: string): Promise<BindCodeView> =>
  call('admin', 'createBindCode', targetId === undefined ? { role } : { role, targetId });
