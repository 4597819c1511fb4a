// The demo accounts a person can connect in the playground, and which login gives each: read from the
// scenario (what the simulator's consent pages offer) and, for "connected", from the add-on's own
// account list in the owner's user properties (read only, never written). Connecting still happens in
// the sidebar, through the consent window, as it would in Google Sheets.
import { AccountStore } from '../../src/core/accounts/account-store';
import type { KeyValueStore } from '../../src/core/ports';
import type { PlatformScenario } from '../instagram/handler';
import type { Stack } from '../platform/stack';
import type { DemoAccountView } from './views';

const LOGIN_TITLES = { instagram: 'Instagram Login', facebook: 'Facebook Login' } as const;
const KINDS = { business: 'Business', creator: 'Creator', personal: 'Personal' } as const;

/** The scenario's accounts that can sign in (professional ones with a login flow), without their state. */
export function demoAccounts(scenario: PlatformScenario): Omit<DemoAccountView, 'connection'>[] {
  return scenario.accounts
    .filter((a) => a.loginFlows.length > 0 && a.type !== 'personal')
    .map((a) => ({
      igUserId: a.igUserId,
      username: a.username,
      kind: KINDS[a.type],
      logins: a.loginFlows.map((flow) => ({
        flow,
        title: LOGIN_TITLES[flow],
        // Facebook's consent page names the Facebook person, not the Instagram account.
        ...(flow === 'facebook' && a.facebook ? { as: a.facebook.name ?? a.name ?? a.username } : {}),
      })),
    }));
}

/** One line per demo account for the terminal: "@sunny.creates (Creator): Instagram Login". */
export function demoAccountLines(scenario: PlatformScenario): string[] {
  return demoAccounts(scenario).map((a) => `@${a.username} (${a.kind}): ${a.logins.map((l) => (l.as ? `${l.title}, log in as ${l.as}` : l.title)).join(' or ')}`);
}

/** The demo accounts with whether the sidebar's owner has connected each (as the add-on stored it). */
export function demoAccountViews(stack: Stack, accounts: Omit<DemoAccountView, 'connection'>[]): DemoAccountView[] {
  const connected = new AccountStore(readOnly(stack.rt.properties.user(stack.rt.owner.id))).list();
  return accounts.map((a) => {
    const stored = connected.find((c) => c.id === a.igUserId);
    return { ...a, connection: !stored ? 'none' : stored.reconnectReason ? 'reconnect' : 'connected' };
  });
}

/** The user properties as a store that only reads: the playground looks, the add-on writes. */
function readOnly(map: Map<string, string>): KeyValueStore {
  const refuse = () => { throw new Error('the playground does not change the add-on\'s user properties'); };
  return {
    get: (key) => map.get(key) ?? null,
    getAll: () => Object.fromEntries(map),
    set: refuse,
    setAll: refuse,
    delete: refuse,
  };
}
