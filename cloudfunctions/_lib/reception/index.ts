/**
 * Stations' reception days (接待日): the plan from the rule and staff's changes, duty rosters and
 * their reminders, deputies' confirmations and swaps, attendance, the visitor log, and the station's
 * figures.
 */
export { confirmDuty, myDuties, requestSwap } from './duties';
export { changeDay, overview } from './overview';
export { receptionDayId, ruleLabel, upcomingReceptions } from './plan';
export { DUTY_REMINDER_PAGE, sweepReceptionReminders } from './reminders';
export { decideSwap, proposeRoster, recordAttendance, saveRoster } from './roster';
export { duties } from './leader-duties';
export { cancelSignIn, signIn } from './sign-in';
export { today } from './today';
export { registerVisitor } from './visitors';
