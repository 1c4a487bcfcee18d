import { describe, expect, it } from 'vitest';
import { validityFrom } from '../../functions/domain/agreements/confirm-sign-off';
import {
  addCalendarDays,
  addCalendarYears,
  stockholmDay,
  stockholmDayPlus,
  stockholmYear,
} from '../../functions/domain/time';

describe('Stockholm days', () => {
  it('takes the day in Stockholm, not in UTC, in winter and in summer', () => {
    expect(stockholmDay(new Date('2026-11-29T23:30:00Z'))).toBe('2026-11-30');
    expect(stockholmDay(new Date('2026-11-29T22:59:59Z'))).toBe('2026-11-29');
    expect(stockholmDay(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(stockholmDay(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
    expect(stockholmYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
  });

  it('counts calendar days across daylight saving and month ends', () => {
    expect(addCalendarDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(stockholmDayPlus(new Date('2026-10-24T22:30:00Z'), 1)).toBe('2026-10-26');
    expect(addCalendarYears('2028-02-29', 1)).toBe('2029-02-28');
  });

  it('a confirmed agreement runs from the Stockholm day of confirmation for one year', () => {
    expect(validityFrom(new Date('2026-11-29T23:30:00Z'))).toEqual({ validFrom: '2026-11-30', validTo: '2027-11-29' });
    expect(validityFrom(new Date('2026-01-01T10:00:00Z'))).toEqual({ validFrom: '2026-01-01', validTo: '2026-12-31' });
  });
});
