// A GraphReader answering from a table of handlers, recording every request, for plan tests.
import type { GraphError, GraphPage, GraphReader, GraphRequest, GraphResult } from '../../../../src/core/reports/graph-contract';
import type { PlanContext } from '../../../../src/core/reports/plans/plan';
import { fieldsToWrite, getReport, defaultFields } from '../../../../src/core/reports/registry';
import type { ReportConfiguration, ReportId } from '../../../../src/core/reports/types';

export type Handler = (path: string, params: Record<string, string>, from?: { next?: string; after?: string }) => unknown;

export class ScriptedReader implements GraphReader {
  callsUsed = 0;
  readonly requests: { path: string; params: Record<string, string>; from?: { next?: string; after?: string } }[] = [];
  constructor(private handler: Handler) {}
  get<T>(path: string, params: Record<string, string> = {}): T {
    this.callsUsed++;
    this.requests.push({ path, params });
    return this.handler(path, params) as T;
  }
  page<T>(path: string, params: Record<string, string> = {}, from?: { next?: string; after?: string }): GraphPage<T> {
    this.callsUsed++;
    this.requests.push({ path, params, from });
    return this.handler(path, params, from) as GraphPage<T>;
  }
  getMany<T>(requests: GraphRequest[]): GraphResult<T>[] {
    return requests.map((r) => {
      this.callsUsed++;
      this.requests.push({ path: r.path, params: r.params ?? {} });
      try {
        return { ok: true as const, value: this.handler(r.path, r.params ?? {}) as T };
      } catch (e) {
        return { ok: false as const, error: e as GraphError };
      }
    });
  }
}

export function planContext(reportId: ReportId, reader: GraphReader, now: number, extra: Partial<ReportConfiguration> = {}, timeZone = 'UTC'): PlanContext {
  const report = getReport(reportId);
  const config: ReportConfiguration = {
    id: 'c1', accountId: '17841400000000001', loginFlow: 'facebook', reportId, fields: defaultFields(report),
    tab: { sheetId: null, name: report.title }, mode: report.defaultMode, schedule: { kind: 'daily', hour: 6 }, settings: {}, ...extra,
  };
  return {
    reader, config, flow: config.loginFlow, fields: fieldsToWrite(report, config.fields, config.mode, config.loginFlow),
    now, timeZone, apiMajor: 27, state: config.state ?? {},
  };
}
