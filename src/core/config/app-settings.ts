// The deployer's settings, read from Script Properties: the Meta app credentials per login flow.
// A missing credential is reported by name so the setup message can say exactly what to set.
import type { LoginFlow } from '../accounts/types';
import { DEFAULT_THROTTLE_SETTINGS } from '../quota/settings';
import { DEFAULT_TRIGGER_MINUTES_PER_DAY } from '../schedule/trigger-time';
import { DEFAULT_TEXT_ESCAPING, type TextEscaping } from '../tabs/cell-values';

export const CREDENTIAL_PROPERTY: Record<LoginFlow, { clientId: string; clientSecret: string }> = {
  instagram: { clientId: 'SHEETGRAM_INSTAGRAM_CLIENT_ID', clientSecret: 'SHEETGRAM_INSTAGRAM_CLIENT_SECRET' },
  facebook: { clientId: 'SHEETGRAM_FACEBOOK_CLIENT_ID', clientSecret: 'SHEETGRAM_FACEBOOK_CLIENT_SECRET' },
};

export interface AppCredentials {
  clientId: string;
  clientSecret: string;
}

export function readCredentials(flow: LoginFlow, read: (key: string) => string | null): AppCredentials | { missing: string[] } {
  const names = CREDENTIAL_PROPERTY[flow];
  const clientId = read(names.clientId)?.trim() ?? '';
  const clientSecret = read(names.clientSecret)?.trim() ?? '';
  const missing = [!clientId && names.clientId, !clientSecret && names.clientSecret].filter((n): n is string => Boolean(n));
  return missing.length ? { missing } : { clientId, clientSecret };
}

/** Limits and choices the deployer may tune in Script Properties; unset means the documented default. */
export const SETTING_PROPERTY = {
  callsPerHour: 'SHEETGRAM_CALLS_PER_HOUR',
  appCallsPerHour: 'SHEETGRAM_APP_CALLS_PER_HOUR',
  urlFetchPerDay: 'SHEETGRAM_URLFETCH_PER_DAY',
  triggerMinutesPerDay: 'SHEETGRAM_TRIGGER_MINUTES_PER_DAY',
  textEscaping: 'SHEETGRAM_TEXT_ESCAPING',
  batchOnInstagram: 'SHEETGRAM_BATCH_ON_INSTAGRAM',
  facebookConfigId: 'SHEETGRAM_FACEBOOK_CONFIG_ID',
} as const;

export interface AppSettings {
  /** Calls per Instagram account per rolling hour (5,000: the documented working figure). */
  callsPerHour: number;
  /** Calls per Meta app per rolling hour; null: counted, not limited. */
  appCallsPerHour: number | null;
  /** Google's UrlFetch calls per user per day: 20,000 (consumer) or 100,000 (Workspace). */
  urlFetchPerDay: number;
  /**
   * Google's daily trigger runtime per person, in minutes: 90 (consumer) or 360 (Workspace). A script
   * cannot tell which kind of account runs it, so the stricter figure holds unless the deployer says.
   */
  triggerMinutesPerDay: number;
  textEscaping: TextEscaping;
  /** Whether graph.instagram.com takes batch requests (Meta does not say; off). */
  batchOnInstagram: boolean;
  /**
   * Facebook Login for Business: the login configuration's id, sent as config_id instead of a scope
   * list (the configuration holds the permissions). null: the classic dialog with scope=.
   */
  facebookConfigId: string | null;
}

function positive(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return raw !== null && raw.trim() !== '' && Number.isInteger(n) && n > 0 ? n : fallback;
}

export function readAppSettings(read: (key: string) => string | null): AppSettings {
  const app = read(SETTING_PROPERTY.appCallsPerHour);
  return {
    callsPerHour: positive(read(SETTING_PROPERTY.callsPerHour), DEFAULT_THROTTLE_SETTINGS.callsPerHour),
    appCallsPerHour: app === null || app.trim() === '' ? null : positive(app, DEFAULT_THROTTLE_SETTINGS.callsPerHour),
    urlFetchPerDay: positive(read(SETTING_PROPERTY.urlFetchPerDay), DEFAULT_THROTTLE_SETTINGS.urlFetchPerDay),
    triggerMinutesPerDay: positive(read(SETTING_PROPERTY.triggerMinutesPerDay), DEFAULT_TRIGGER_MINUTES_PER_DAY),
    textEscaping: read(SETTING_PROPERTY.textEscaping)?.trim() === 'apostrophe' ? 'apostrophe' : DEFAULT_TEXT_ESCAPING,
    batchOnInstagram: read(SETTING_PROPERTY.batchOnInstagram)?.trim().toLowerCase() === 'true',
    facebookConfigId: read(SETTING_PROPERTY.facebookConfigId)?.trim() || null,
  };
}
