// The deployer's settings, read from Script Properties: the Meta app credentials per login flow.
// A missing credential is reported by name so the setup message can say exactly what to set.
import type { LoginFlow } from '../accounts/types';

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
