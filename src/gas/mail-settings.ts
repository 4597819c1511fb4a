// The person's e-mail settings, as the sidebar shows and saves them: failure and sign-in e-mails on or
// off, to their own address or to addresses they typed. Kept in their user properties (theirs alone, the
// same in every spreadsheet); the hourly run's mailer (scheduler.ts) reads them.
import { checkMailSettings, MAIL_SETTINGS_KEY, parseMailSettings, serializeMailSettings, type MailSettings } from '../core/accounts/mail-settings';
import { mailView } from '../core/sidebar/view';
import { SidebarError } from '../core/sidebar/errors';
import type { MailSettingsInput, MailSettingsView } from '../contract/sidebar';
import { createContext, type GasContext } from './context';
import { serve } from './serve';

export function readMailSettings(ctx: GasContext): MailSettings {
  return parseMailSettings(ctx.userProps().get(MAIL_SETTINGS_KEY));
}

/** The person's own address; '' when Google does not say (another domain's policy, a simple trigger). */
export function ownAddress(): string {
  try {
    return Session.getEffectiveUser().getEmail() || '';
  } catch {
    return '';
  }
}

export function saveMailSettings(input: MailSettingsInput): { message: string; mail: MailSettingsView } {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    const checked = checkMailSettings(input);
    if (typeof checked === 'string') throw new SidebarError('invalid_input', checked);
    const ctx = createContext(startedAt);
    const stored = serializeMailSettings(checked);
    if (stored === null) ctx.userProps().delete(MAIL_SETTINGS_KEY);
    else ctx.userProps().set(MAIL_SETTINGS_KEY, stored);
    const mail = mailView(checked, ownAddress());
    return { message: `E-mail settings saved. ${mail.summary}`, mail };
  });
}
