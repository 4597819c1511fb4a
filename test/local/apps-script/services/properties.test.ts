// PropertiesService: stores, string values, copies, size limits, daily quota, auth modes.
import { describe, expect, it } from 'vitest';
import { createPropertiesService, PropertyState, PROPERTY_LIMITS } from '../../../../local/apps-script/services/properties';
import { EDITOR, newPlatform, OWNER, runAs } from '../support';

function setup(quota?: number) {
  const platform = newPlatform();
  const state = new PropertyState(quota);
  return { platform, state, service: createPropertiesService(platform, state) };
}

describe('PropertiesService', () => {
  it('stores strings, returns null for missing keys and copies of the store', () => {
    const { platform, service } = setup();
    runAs(platform, () => {
      const props = service.getScriptProperties();
      props.setProperty('n', 42 as unknown as string).setProperties({ a: 'x', b: true as unknown as string });
      expect(props.getProperty('n')).toBe('42');
      expect(props.getProperty('b')).toBe('true');
      expect(props.getProperty('missing')).toBeNull();
      const copy = props.getProperties();
      copy.a = 'changed';
      expect(props.getProperty('a')).toBe('x');
      expect(props.getKeys().sort()).toEqual(['a', 'b', 'n']);
      props.setProperties({ only: '1' }, true);
      expect(props.getKeys()).toEqual(['only']);
      props.deleteProperty('only');
      expect(props.getProperties()).toEqual({});
    });
  });

  it('keeps one user store per user, shared script and document stores', () => {
    const { platform, service } = setup();
    runAs(platform, () => service.getUserProperties().setProperty('token', 'owner'), { user: OWNER });
    runAs(platform, () => service.getUserProperties().setProperty('token', 'editor'), { user: EDITOR });
    runAs(platform, () => service.getDocumentProperties().setProperty('doc', 'd'), { user: EDITOR });
    expect(runAs(platform, () => [service.getUserProperties().getProperty('token'), service.getDocumentProperties().getProperty('doc')], { user: OWNER })).toEqual(['owner', 'd']);
  });

  it('refuses values over 9 KB and stores over 500 KB, changing nothing', () => {
    const { platform, service } = setup();
    runAs(platform, () => {
      const props = service.getScriptProperties();
      expect(() => props.setProperty('big', 'x'.repeat(PROPERTY_LIMITS.valueBytes + 1))).toThrow('Argument too large: value');
      props.setProperty('fits', 'x'.repeat(PROPERTY_LIMITS.valueBytes));
      const many: Record<string, string> = {};
      for (let i = 0; i < 60; i++) many[`k${i}`] = 'y'.repeat(9000);
      expect(() => props.setProperties(many)).toThrow(/property storage quota/);
      expect(props.getKeys()).toEqual(['fits']);
    });
  });

  it('counts reads and writes per user per day and throws Google\'s message past the quota', () => {
    const { platform, service } = setup(3);
    runAs(platform, () => {
      const props = service.getScriptProperties();
      props.setProperty('a', '1');
      props.getProperty('a');
      props.getProperty('a');
      expect(() => props.getProperty('a')).toThrow('Service invoked too many times for one day: properties.');
    });
    expect(runAs(platform, () => service.getScriptProperties().getProperty('a'), { user: EDITOR })).toBe('1');
    platform.clock.advance(24 * 3_600_000);
    expect(runAs(platform, () => service.getScriptProperties().getProperty('a'))).toBe('1');
  });

  it('gives custom functions the owner\'s user store, read-only', () => {
    const { platform, service } = setup();
    runAs(platform, () => service.getUserProperties().setProperty('token', 'owner'));
    const read = () => service.getUserProperties().getProperty('token');
    expect(runAs(platform, read, { user: EDITOR, authMode: 'CUSTOM_FUNCTION' })).toBe('owner');
    expect(() => runAs(platform, () => service.getUserProperties().setProperty('token', 'x'), { user: EDITOR, authMode: 'CUSTOM_FUNCTION' })).toThrow(/set user properties from a custom function/);
    expect(runAs(platform, () => service.getDocumentProperties().getProperty('none'), { authMode: 'CUSTOM_FUNCTION' })).toBeNull();
  });

  it('is refused in NONE mode', () => {
    const { platform, service } = setup();
    expect(() => runAs(platform, () => service.getScriptProperties(), { authMode: 'NONE' })).toThrow('You do not have permission to call PropertiesService.getScriptProperties.');
  });

  it('counts write calls by store and key prefix, once per call and prefix', () => {
    const { platform, state, service } = setup();
    runAs(platform, () => {
      const user = service.getUserProperties();
      user.setProperties({ 'sheetgram.quota.account.1': 'a', 'sheetgram.quota.app.x': 'b' });
      user.setProperty('sheetgram.quota.account.1', 'c');
      service.getDocumentProperties().deleteProperty('sheetgram.status.c1');
    });
    expect(Object.fromEntries(state.writesByPrefix)).toEqual({
      'user:sheetgram.quota.account': 2, 'user:sheetgram.quota.app': 1, 'document:sheetgram.status': 1,
    });
  });
});
