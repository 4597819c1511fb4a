// Signs in every account of the scenario that can log in (business and creator accounts), through the
// real OAuth pages as a person would: Instagram Login per account, Facebook Login once per Facebook
// user (it connects the Instagram accounts linked to that person's Pages).
import type { Scenario, ScenarioAccount } from '../instagram/scenario';
import type { Stack } from '../platform/stack';

export interface AccountOutcome {
  username: string;
  igUserId: string;
  type: ScenarioAccount['type'];
  /** The login flow used, or null when the account cannot log in. */
  flow: 'instagram' | 'facebook' | null;
  connected: boolean;
  /** Why it is not connected: a sentence from the sign-in page, or why it was not tried. */
  note?: string;
}

interface SidebarAccount {
  id: string;
  username: string;
  flow: 'instagram' | 'facebook';
  scopes: string[];
}

/** The flow an account logs in with: the first it lists (a scenario may list both). */
export function loginFlowOf(account: ScenarioAccount): 'instagram' | 'facebook' | null {
  if (account.type === 'personal') return null;
  return account.loginFlows[0] ?? null;
}

/** The sentence a callback page shows, without markup. */
function pageText(page: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(page)?.[1] ?? page;
  return body.replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/gi, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
}

export function sidebarAccounts(stack: Stack, user?: string): SidebarAccount[] {
  return (stack.rt.call('getSidebarState', [], { user }) as { accounts: SidebarAccount[] }).accounts;
}

export async function connectAccounts(stack: Stack, scenario: Scenario, user?: string): Promise<AccountOutcome[]> {
  const outcomes: AccountOutcome[] = scenario.accounts.map((a) => {
    const flow = loginFlowOf(a);
    return { username: a.username, igUserId: a.igUserId, type: a.type, flow, connected: false, ...(flow ? {} : { note: a.type === 'personal' ? 'personal accounts cannot log in' : 'the account lists no login flow' }) };
  });
  const notes = new Map<string, string>();
  const facebookUsers = new Set<string>();
  for (const account of scenario.accounts) {
    const flow = loginFlowOf(account);
    if (flow === 'instagram') {
      const result = await stack.connect('instagram', { account: account.igUserId, user });
      if (!result.ok) notes.set(account.igUserId, pageText(result.page));
    } else if (flow === 'facebook') {
      const person = account.facebook?.userId;
      if (!person) {
        notes.set(account.igUserId, 'the scenario gives this Facebook Login account no Facebook user');
        continue;
      }
      if (facebookUsers.has(person)) continue;
      facebookUsers.add(person);
      const result = await stack.connect('facebook', { account: person, user });
      if (!result.ok) for (const a of scenario.accounts) if (a.facebook?.userId === person) notes.set(a.igUserId, pageText(result.page));
    }
  }
  const connected = new Map(sidebarAccounts(stack, user).map((a) => [a.id, a]));
  for (const outcome of outcomes) {
    const seen = connected.get(outcome.igUserId);
    if (seen) {
      outcome.connected = true;
      outcome.flow = seen.flow;
    } else if (outcome.flow) {
      outcome.note = notes.get(outcome.igUserId) ?? 'the sign-in finished but Sheetgram lists no such account';
    }
  }
  return outcomes;
}
