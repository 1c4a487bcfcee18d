// The portal's own rules for the agreement's year. The city's sources (the guidelines of 2010 and
// their appendix 1) say an agreement is followed up and revised regularly, but give none of these
// numbers: they are the portal's defaults, kept here in one place and shown as such on
// /overenskommelse/, so the city can change them in one edit.
export const portalRules = {
  /** A confirmed agreement is valid for this many years from the Stockholm day it was confirmed. */
  validityYears: 1,
  /** An agreement is "due for revision" this many days before its last day. */
  dueWithinDays: 30,
  /** A new template version asks schools with a valid agreement to re-sign within this many days. */
  reSignDays: 90,
  /** The yearly follow-up is asked for from this many days before the agreement's last day. */
  followUpOpensDaysBefore: 60,
  /** Reminders about the follow-up go out at most this often. */
  followUpReminderDays: 14,
  /** The district is reminded of a sign-off that has waited this many days. */
  districtNudgeDays: 14,
} as const;
