// Session and Logger/console: time zone, locale, the blanked emails, and recorded logs.
import { describe, expect, it } from 'vitest';
import { createConsole, createLogger, LogBook } from '../../../../local/apps-script/services/logger';
import { createSession } from '../../../../local/apps-script/services/session';
import { EDITOR, newPlatform, runAs } from '../support';

describe('Session', () => {
  const setup = () => {
    const platform = newPlatform();
    return { platform, session: createSession(platform, { timeZone: 'Europe/Berlin', locale: 'de' }) };
  };

  it('gives the time zone and locale in every mode', () => {
    const { platform, session } = setup();
    expect(runAs(platform, () => [session.getScriptTimeZone(), session.getActiveUserLocale()], { authMode: 'NONE' })).toEqual(['Europe/Berlin', 'de']);
  });

  it('gives emails in FULL only, blank in LIMITED and custom functions', () => {
    const { platform, session } = setup();
    const emails = () => [session.getActiveUser().getEmail(), session.getEffectiveUser().getEmail()];
    expect(runAs(platform, emails, { user: EDITOR })).toEqual([EDITOR.email, EDITOR.email]);
    expect(runAs(platform, emails, { user: EDITOR, authMode: 'LIMITED' })).toEqual(['', '']);
    expect(runAs(platform, emails, { authMode: 'CUSTOM_FUNCTION' })).toEqual(['', '']);
  });
});

describe('Logger and console', () => {
  it('record messages with time, user and level, in every mode', () => {
    const platform = newPlatform();
    const book = new LogBook();
    const logger = createLogger(platform, book);
    const console = createConsole(platform, book);
    runAs(platform, () => {
      logger.log('plain');
      logger.log('%s of %s', 1, 2);
      console.error('bad', 7);
      expect(logger.getLog()).toBe('plain\n1 of 2');
    }, { authMode: 'NONE' });
    expect(book.entries.map((e) => [e.source, e.level, e.message, e.user])).toEqual([
      ['Logger', 'log', 'plain', 'owner@example.com'],
      ['Logger', 'log', '1 of 2', 'owner@example.com'],
      ['console', 'error', 'bad 7', 'owner@example.com'],
    ]);
  });
});
