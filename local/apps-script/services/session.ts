// Session: the script's time zone, the user's locale, and the active/effective user. Rule applied:
// an email is given only in FULL mode (installable triggers, menus, google.script.run), where it is
// the running user's; in NONE, LIMITED and CUSTOM_FUNCTION Google gives "locale only" (§3.2), so
// both users' emails are blank.
import { enterService, guarded, type Platform } from '../platform';

export interface SessionSettings {
  timeZone: string;
  locale: string;
}

export function createSession(platform: Platform, settings: SessionSettings): GoogleAppsScript.Base.Session {
  const userFor = (method: string) => {
    const execution = enterService(platform, 'Session', method);
    const email = execution.authMode === 'FULL' ? execution.user.email : '';
    return guarded('User', { getEmail: () => email, toString: () => email }) as unknown as GoogleAppsScript.Base.User;
  };
  const session = {
    getScriptTimeZone: () => (enterService(platform, 'Session', 'getScriptTimeZone'), settings.timeZone),
    getActiveUserLocale: () => (enterService(platform, 'Session', 'getActiveUserLocale'), settings.locale),
    getActiveUser: () => userFor('getActiveUser'),
    getEffectiveUser: () => userFor('getEffectiveUser'),
    getTemporaryActiveUserKey: () => {
      const execution = enterService(platform, 'Session', 'getTemporaryActiveUserKey');
      return Buffer.from(`temporary-key:${execution.user.id}`).toString('base64url');
    },
  };
  return guarded('Session', session) as unknown as GoogleAppsScript.Base.Session;
}
