// Alert settings per account in the document's properties: the compact form and back, nothing stored
// when both are off, anything unreadable or out of range dropped, and what the sidebar's boxes send
// checked into settings or a person's sentence.
import { describe, expect, it } from 'vitest';
import {
  ALERTS_PREFIX, alertsKey, checkAlertInput, parseAlertSettings, serializeAlertSettings, type AlertSettings,
} from '../../../src/core/alerts/settings';

const BY = 'user-key-1';

describe('alert settings', () => {
  it('are kept compactly and read back the same', () => {
    const both: AlertSettings = { followerDrop: 50, postBelowPercent: 40, by: BY };
    const stored = serializeAlertSettings(both)!;
    expect(stored).toBe(`{"d":50,"p":40,"by":"${BY}"}`);
    expect(parseAlertSettings(stored)).toEqual(both);
    for (const one of [{ followerDrop: 1, by: BY }, { postBelowPercent: 100, by: BY }] as AlertSettings[]) {
      expect(parseAlertSettings(serializeAlertSettings(one))).toEqual(one);
    }
    expect(serializeAlertSettings({ followerDrop: 7, by: BY })).toBe(`{"d":7,"by":"${BY}"}`);
  });

  it('store nothing when both are off', () => {
    expect(serializeAlertSettings({ by: BY })).toBeNull();
    expect(parseAlertSettings(serializeAlertSettings({ by: BY }))).toBeNull();
  });

  it('are under a key per account', () => {
    expect(alertsKey('17841400000000001')).toBe(`${ALERTS_PREFIX}17841400000000001`);
    expect(alertsKey('17841400000000001').startsWith('sheetgram.alerts.')).toBe(true);
  });

  it('count as off when unreadable, without the person who set them, or out of range', () => {
    for (const raw of [null, undefined, '', '{nope', 'null', '42', '"text"', '[]', '{}']) expect(parseAlertSettings(raw)).toBeNull();
    // Without the person who set them nobody's runs would send them.
    expect(parseAlertSettings('{"d":50,"p":40}')).toBeNull();
    expect(parseAlertSettings('{"d":50,"by":7}')).toBeNull();
    // A value out of range is off; both off is no settings at all.
    expect(parseAlertSettings(`{"d":0,"p":40,"by":"${BY}"}`)).toEqual({ postBelowPercent: 40, by: BY });
    expect(parseAlertSettings(`{"d":-5,"p":101,"by":"${BY}"}`)).toBeNull();
    expect(parseAlertSettings(`{"d":50,"p":0,"by":"${BY}"}`)).toEqual({ followerDrop: 50, by: BY });
    expect(parseAlertSettings(`{"d":"50","p":"40","by":"${BY}"}`)).toBeNull();
    expect(parseAlertSettings(`{"p":101,"by":"${BY}"}`)).toBeNull();
  });
});

describe('checkAlertInput', () => {
  it('turns empty boxes off', () => {
    expect(checkAlertInput({}, BY)).toEqual({ by: BY });
    expect(checkAlertInput({ followerDrop: '', postBelowPercent: '   ' }, BY)).toEqual({ by: BY });
    expect(checkAlertInput({ followerDrop: null, postBelowPercent: undefined }, BY)).toEqual({ by: BY });
    // Both off: the sidebar deletes the property.
    expect(serializeAlertSettings(checkAlertInput({ followerDrop: '', postBelowPercent: '' }, BY) as AlertSettings)).toBeNull();
  });

  it('keeps whole numbers in range, with the person who set them', () => {
    expect(checkAlertInput({ followerDrop: '50', postBelowPercent: '50' }, BY)).toEqual({ followerDrop: 50, postBelowPercent: 50, by: BY });
    expect(checkAlertInput({ followerDrop: ' 120 ', postBelowPercent: '' }, BY)).toEqual({ followerDrop: 120, by: BY });
    expect(checkAlertInput({ postBelowPercent: 1 }, BY)).toEqual({ postBelowPercent: 1, by: BY });
    expect(checkAlertInput({ postBelowPercent: '100' }, BY)).toEqual({ postBelowPercent: 100, by: BY });
    // More than 100 followers is fine: only the percent stops at 100.
    expect(checkAlertInput({ followerDrop: '101' }, BY)).toEqual({ followerDrop: 101, by: BY });
  });

  it('refuses anything else with a sentence', () => {
    for (const wrong of ['0', '-3', '2.5', 'abc', '1,000', '0x32', '1e2']) {
      const said = checkAlertInput({ followerDrop: wrong }, BY);
      expect(typeof said, wrong).toBe('string');
      expect(said).toMatch(/^Type the followers lost in a day as a whole number .*\.$/);
    }
    for (const wrong of ['0', '-3', '2.5', 'abc', '101', '50%', '0b11', '1e1']) {
      const said = checkAlertInput({ postBelowPercent: wrong }, BY);
      expect(typeof said, wrong).toBe('string');
      expect(said).toMatch(/^Type the share as a whole percent from 1 to 100 .*\.$/);
    }
    // A wrong box is refused even when the other one is right.
    expect(checkAlertInput({ followerDrop: '50', postBelowPercent: '101' }, BY)).toMatch(/whole percent/);
    expect(checkAlertInput({ followerDrop: 'abc', postBelowPercent: '50' }, BY)).toMatch(/followers lost/);
  });
});
