// Asking for a repair: the configuration and account checked, the range checked against what Instagram
// keeps, and the job stored (one per report and account at a time). Running it is the caller's: the
// sidebar runs it at once, the hourly dispatcher continues it.
import type { ConnectedAccount } from '../accounts/types';
import type { ReportConfiguration } from '../reports/types';
import { getReport } from '../reports/registry';
import { SidebarError } from '../sidebar/errors';
import { checkRepairDays, daysText, repairBounds, repairRuleOf, type RepairDays } from './rules';
import type { RepairJob, RepairStore } from './store';

export interface RepairRequest {
  config: ReportConfiguration | null;
  /** The config's account as the person asking has it connected (null: not connected for them). */
  account: ConnectedAccount | null;
  input: { from?: unknown; to?: unknown };
  owner: string;
  now: number;
  timeZone: string;
}

export function askRepair(request: RepairRequest, repairs: RepairStore): RepairJob {
  const { config, account } = request;
  if (!config) throw new SidebarError('not_found', 'This report was deleted in the meantime.');
  const title = getReport(config.reportId).title;
  const rule = repairRuleOf(config);
  if (!rule) {
    throw new SidebarError('invalid_input', config.mode === 'append'
      ? `${title} adds a row per run (Append), so it has no days to repair. Switch it to Update to repair its history.`
      : `${title} cannot fill or repair history: Instagram gives no past days for it.`);
  }
  const who = `@${account?.username ?? config.accountUsername ?? config.accountId}`;
  if (!account) throw new SidebarError('invalid_input', `${who} is not connected for you: connect it first, then fill or repair its history.`);
  if (account.reconnectReason) throw new SidebarError('reconnect_needed', `${who} needs to be reconnected first: ${account.reconnectReason}`);
  const days: RepairDays = checkRepairDays(rule, repairBounds(rule, config, request.now, request.timeZone), request.input);
  const pending = repairs.job(config.id);
  if (pending) {
    throw new SidebarError('invalid_input', `A repair of ${daysText(pending)} for ${who} is still going: wait until it is done, or cancel it first.`);
  }
  const job: RepairJob = { configId: config.id, owner: request.owner, askedAt: request.now, ...days };
  repairs.save(job);
  return job;
}
