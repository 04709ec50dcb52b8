// Monthly statistics per department (Beijing months): letters received (by
// the department that leads them), replies sent in the month, the share sent
// on time, and the share of rated replies rated 满意 or 基本满意. Letters not
// (yet) with a department — awaiting triage, rejected, merged — count under
// the general office's triage row.
import { badRequest } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';

export interface DepartmentStats {
  orgId: string | null;
  name: string;
  received: number;
  replied: number;
  onTime: number;
  rated: number;
  satisfied: number;
}

export interface MonthStats {
  month: string;
  rows: DepartmentStats[];
  total: DepartmentStats;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The UTC instants a Beijing month starts and ends. */
export function monthRange(month: string): { start: string; end: string } {
  const m = MONTH.exec(month);
  if (!m) throw badRequest('月份格式应为 YYYY-MM');
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const next = mon === 12 ? `${year + 1}-01` : `${year}-${String(mon + 1).padStart(2, '0')}`;
  return {
    start: new Date(`${month}-01T00:00:00+08:00`).toISOString(),
    end: new Date(`${next}-01T00:00:00+08:00`).toISOString(),
  };
}

/** Percentage with one decimal, or null when there is nothing to divide. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

function blank(orgId: string | null, name: string): DepartmentStats {
  return { orgId, name, received: 0, replied: 0, onTime: 0, rated: 0, satisfied: 0 };
}

export async function monthStats(ctx: AppContext, month: string): Promise<MonthStats> {
  const { start, end } = monthRange(month);
  const db = ctx.db.kysely;
  const received = await db
    .selectFrom('letter')
    .select(['lead_org_id'])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .execute();
  const replied = await db
    .selectFrom('letter')
    .select(['lead_org_id', 'replied_on_time', 'rating'])
    .where('replied_at', '>=', start)
    .where('replied_at', '<', end)
    .execute();
  const orgs = await db.selectFrom('organisation').select(['id', 'name', 'sort_order']).execute();
  const byOrg = new Map<string | null, DepartmentStats>();
  const row = (orgId: string | null) => {
    let r = byOrg.get(orgId);
    if (!r) {
      const name = orgId ? (orgs.find((o) => o.id === orgId)?.name ?? '—') : '待分办及不予受理';
      r = blank(orgId, name);
      byOrg.set(orgId, r);
    }
    return r;
  };
  for (const l of received) row(l.lead_org_id).received += 1;
  for (const l of replied) {
    const r = row(l.lead_org_id);
    r.replied += 1;
    if (l.replied_on_time === 1) r.onTime += 1;
    if (l.rating !== null) {
      r.rated += 1;
      if (l.rating >= 2) r.satisfied += 1;
    }
  }
  const order = (id: string | null) => orgs.find((o) => o.id === id)?.sort_order ?? 1e9;
  const rows = [...byOrg.values()].sort((a, b) => order(a.orgId) - order(b.orgId));
  const total = blank(null, '合计');
  for (const r of rows)
    for (const k of ['received', 'replied', 'onTime', 'rated', 'satisfied'] as const)
      total[k] += r[k];
  return { month, rows, total };
}
