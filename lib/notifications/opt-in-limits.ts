/**
 * Limits on the tracking page's SMS opt-in (each confirmation is a paid text to a number someone typed in,
 * which makes the form a target for SMS pumping). Listed in docs/security.md.
 */

/** Different numbers one order (any of its tracking tokens) may sign up for texts. */
export const SMS_NUMBERS_PER_ORDER = 3;
/** Confirmation texts one number receives in 24 hours, whichever merchant or order asked. */
export const SMS_CONFIRMATIONS_PER_NUMBER_PER_DAY = 3;
/** SMS sign-ups one client address may send in an hour. */
export const SMS_OPT_INS_PER_IP_PER_HOUR = 10;
/** A "YES" counts for confirmation texts sent within this long. */
export const SMS_CONFIRM_TTL_MS = 7 * 24 * 3_600_000;

export const DAY_MS = 24 * 3_600_000;
export const HOUR_MS = 3_600_000;
