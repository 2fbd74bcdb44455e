import { describe, expect, it } from '@jest/globals';
import { openRow } from './open-statistics.service.js';

const month = { agencyCode: '000.17.22.H56', month: '2025-03', received: 0, receivedOnline: 0, finished: 0, finishedOnTime: 0, onTheSpotEligible: 0, onTheSpotHandled: 0, ratings: 0, ratingsSatisfied: 0 };

describe('open statistics: no figure small enough to point at a person', () => {
  it('publishes counts of the minimum and more, and zeros, but not 1 to minimum − 1', () => {
    expect(openRow({ ...month, received: 5, finished: 4, finishedOnTime: 0 }, 5)).toMatchObject({ received: 5, finished: null, finishedOnTime: null });
    expect(openRow({ ...month, received: 0 }, 5).received).toBe(0);
    expect(openRow({ ...month, received: 1 }, 5).received).toBeNull();
    expect(openRow({ ...month, received: 1 }, 1).received).toBe(1);
  });

  it('hides a share that gives away a small count through its numerator or its complement', () => {
    // 6 of 7 online: the one at the counter would be known.
    expect(openRow({ ...month, received: 7, receivedOnline: 6 }, 5).onlineShare).toBeNull();
    expect(openRow({ ...month, received: 7, receivedOnline: 1 }, 5).onlineShare).toBeNull();
    expect(openRow({ ...month, received: 12, receivedOnline: 6 }, 5).onlineShare).toEqual({ numerator: 6, denominator: 12, ratio: 0.5 });
    // All of them (or none) says nothing about one person that the count does not already say.
    expect(openRow({ ...month, ratings: 9, ratingsSatisfied: 9 }, 5).satisfaction).toEqual({ numerator: 9, denominator: 9, ratio: 1 });
    expect(openRow({ ...month, ratings: 3, ratingsSatisfied: 3 }, 5).satisfaction).toBeNull();
  });

  it('hides the on-time count when the late ones would be few', () => {
    expect(openRow({ ...month, finished: 40, finishedOnTime: 38 }, 5)).toMatchObject({ finished: 40, finishedOnTime: null });
    expect(openRow({ ...month, finished: 40, finishedOnTime: 35 }, 5)).toMatchObject({ finished: 40, finishedOnTime: 35 });
    expect(openRow({ ...month, finished: 40, finishedOnTime: 40 }, 5)).toMatchObject({ finished: 40, finishedOnTime: 40 });
  });
});
