import { describe, expect, it } from 'vitest';
import { daysOf, fillDays, presetRange, rangeProblem, usageTimes } from './usage-range.ts';

describe('usage date ranges', () => {
  it.each([
    [7, new Date(2024, 2, 5, 13, 0), { from: '2024-02-28', to: '2024-03-05' }],
    [30, new Date(2024, 0, 15), { from: '2023-12-17', to: '2024-01-15' }],
    [1, new Date(2024, 5, 1, 23, 59), { from: '2024-06-01', to: '2024-06-01' }],
  ])('the last %i days from %s', (days, today, expected) => {
    expect(presetRange(days, today)).toEqual(expected);
  });

  it('counts a preset as that many days, across a daylight-saving change', () => {
    // Europe and the US change clocks in late March: a local-time subtraction could lose a day.
    expect(daysOf(presetRange(90, new Date(2024, 4, 1)))).toHaveLength(90);
  });

  it.each([
    [{ from: '2024-03-01', to: '2024-03-01' }, undefined],
    [{ from: '2024-03-02', to: '2024-03-01' }, 'end-before-start'],
    [{ from: '2024-02-30', to: '2024-03-01' }, 'invalid'],
    [{ from: '', to: '2024-03-01' }, 'invalid'],
    [{ from: '2023-01-01', to: '2024-01-01' }, undefined],
    [{ from: '2023-01-01', to: '2024-01-02' }, 'too-long'],
  ] as const)('%o is %s', (range, problem) => {
    expect(rangeProblem(range)).toBe(problem);
  });

  it('asks the API from the first second of the first day to the last second of the last day', () => {
    expect(usageTimes({ from: '2024-02-28', to: '2024-03-05' })).toEqual({ startTime: '2024-02-28 00:00:00', endTime: '2024-03-05 23:59:59' });
  });

  it('lists the days across a month and a leap day', () => {
    expect(daysOf({ from: '2024-02-28', to: '2024-03-01' })).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(daysOf({ from: '2024-03-02', to: '2024-03-01' })).toEqual([]);
  });

  it('fills the days the API left out with 0 and ignores days outside the range', () => {
    const answer = [
      { day: '2024-02-29', flow: 10 },
      { day: '2024-03-01 00:00:00', flow: 5 },
      { day: '2024-03-09', flow: 99 },
    ];
    expect(fillDays({ from: '2024-02-28', to: '2024-03-01' }, answer)).toEqual([
      { day: '2024-02-28', flow: 0 },
      { day: '2024-02-29', flow: 10 },
      { day: '2024-03-01', flow: 5 },
    ]);
  });
});
