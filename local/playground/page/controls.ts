/// <reference lib="dom" />
// The toolbar: the add-on's Extensions menu, the virtual clock, the simulator's faults, revoking a
// sign-in and the .xlsx download. Each control is a real button or form, so it works from the keyboard;
// each says what it did in the status line.
import { getJson, postJson, type ClockView, type DemoAccountView, type StateView } from './api';
import { byId, clear, el, say } from './dom';

const HOUR = 3_600_000;

export interface ControlsEvents {
  /** Something changed on the server: poll now rather than at the next tick. */
  refresh(): void;
}

const report = (error: unknown) => say(error instanceof Error ? error.message : String(error), true);

/**
 * Runs an action once at a time per button, then refreshes. The button is marked busy rather than
 * disabled: disabling it would drop the keyboard focus, and a keyboard user would lose their place.
 */
async function act(button: HTMLButtonElement, action: () => Promise<string>, events: ControlsEvents): Promise<void> {
  if (button.getAttribute('aria-disabled') === 'true') return;
  button.setAttribute('aria-disabled', 'true');
  try {
    say(await action());
  } catch (error) {
    report(error);
  } finally {
    button.removeAttribute('aria-disabled');
    events.refresh();
  }
}

export function attachControls(events: ControlsEvents): void {
  const advance = (ms: number, words: string) => async () => {
    const answer = await postJson<{ ran: number; failed: number; clock: ClockView }>('/api/clock', { ms });
    showClock(answer.clock);
    const runs = answer.ran === 1 ? '1 trigger run' : `${answer.ran} trigger runs`;
    return `Advanced ${words}: ${runs}${answer.failed ? `, ${answer.failed} failed` : ''}. Now ${answer.clock.text}.`;
  };
  const hour = byId<HTMLButtonElement>('advance-hour');
  const day = byId<HTMLButtonElement>('advance-day');
  hour.addEventListener('click', () => void act(hour, advance(HOUR, '1 hour'), events));
  day.addEventListener('click', () => void act(day, advance(24 * HOUR, '1 day'), events));

  const faults = byId<HTMLFormElement>('faults');
  const rate = byId<HTMLInputElement>('fault-rate');
  const latency = byId<HTMLInputElement>('fault-latency');
  faults.addEventListener('submit', (event) => {
    event.preventDefault();
    void act(byId<HTMLButtonElement>('apply-faults'), async () => {
      const set = await postJson<{ transientRate?: number; latencyMs?: number }>('/api/faults', { transientRate: Number(rate.value) / 100, latencyMs: Number(latency.value) });
      return `Instagram faults: ${Math.round((set.transientRate ?? 0) * 100)} % of calls fail with a transient error; ${set.latencyMs ?? 0} ms latency.`;
    }, events);
  });
  void getJson<{ transientRate: number; latencyMs: number }>('/api/faults').then((current) => {
    rate.value = String(Math.round(current.transientRate * 100));
    latency.value = String(current.latencyMs);
  }).catch(report);

  const revoke = byId<HTMLFormElement>('revoke');
  const account = byId<HTMLSelectElement>('revoke-account');
  revoke.addEventListener('submit', (event) => {
    event.preventDefault();
    const option = account.selectedOptions[0];
    if (!option) return;
    void act(byId<HTMLButtonElement>('revoke-button'), async () => {
      const { revoked } = await postJson<{ revoked: number }>('/api/revoke', { igUserId: option.value });
      return `Revoked ${revoked === 1 ? '1 token' : `${revoked} tokens`} of ${option.textContent ?? ''}: Instagram now refuses its sign-in, as after a password change.`;
    }, events);
  });
}

export function showClock(clock: ClockView): void {
  const output = byId('clock');
  output.textContent = `${clock.text} (${clock.timeZone})`;
  output.setAttribute('data-now', String(clock.now));
}

/** The demo accounts' guide, the accounts to revoke and the add-on menu follow the server's state. */
export function renderControls(state: StateView, events: ControlsEvents, onMenuDone: () => void): void {
  showClock(state.clock);
  byId('spreadsheet-name').textContent = state.spreadsheet;
  const account = byId<HTMLSelectElement>('revoke-account');
  const ids = state.accounts.map((a) => a.igUserId).join(',');
  if (account.dataset.ids !== ids) {
    account.dataset.ids = ids;
    clear(account);
    for (const a of state.accounts) account.append(el('option', { value: a.igUserId }, `@${a.username}`));
  }
  renderDemoAccounts(state.accounts);
  const menus = byId('menus');
  const key = JSON.stringify(state.menus);
  if (menus.dataset.key === key) return;
  menus.dataset.key = key;
  clear(menus);
  menus.append(el('span', { class: 'label' }, 'Extensions'));
  for (const menu of state.menus) {
    for (const item of menu.items) {
      const button = el('button', { type: 'button', 'data-function': item.functionName }, `${menu.title} › ${item.caption}`);
      button.addEventListener('click', () => void act(button, async () => {
        const answer = await postJson<{ ok: boolean; error?: string }>('/api/menu', { functionName: item.functionName });
        if (!answer.ok) throw new Error(`${menu.title} › ${item.caption}: ${answer.error ?? 'failed'}`);
        onMenuDone();
        return `${menu.title} › ${item.caption}: done.`;
      }, events));
      menus.append(button);
    }
  }
}

const CONNECTION_WORDS: Record<DemoAccountView['connection'], string> = { none: 'not connected', connected: 'connected', reconnect: 'reconnect needed' };

/**
 * Which login gives which demo account, and whether the sidebar has it: the consent windows name a
 * Facebook person, not the Instagram account, so this says who to log in as. Text only: connecting is
 * the sidebar's job.
 */
function renderDemoAccounts(accounts: DemoAccountView[]): void {
  const list = byId('demo-list');
  const key = JSON.stringify(accounts);
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  clear(list);
  for (const a of accounts) {
    const logins = a.logins.map((l) => (l.as ? `${l.title}, log in as ${l.as}` : l.title)).join(' or ');
    list.append(el('li', { 'data-account-id': a.igUserId, 'data-connection': a.connection },
      el('strong', {}, `@${a.username}`), ` (${a.kind}): ${logins} `,
      el('span', { class: `demo-state ${a.connection}` }, CONNECTION_WORDS[a.connection])));
  }
  // The how-to line is for getting started; once every demo account is in, it only takes room.
  byId('demo-hint').hidden = accounts.length > 0 && accounts.every((a) => a.connection !== 'none');
}
