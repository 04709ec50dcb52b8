// Local time for people: Yimen stores UTC and shows Asia/Shanghai, which is
// UTC+8 all year (China has no daylight saving), so one offset is exact.
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Shanghai wall-clock time 'YYYY-MM-DDTHH:mm:ss' of an instant; undefined for none or an invalid one. */
export function shanghaiWallClock(at: string | Date | null | undefined): string | undefined {
  if (at === null || at === undefined || at === '') return undefined;
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19);
}

const LENGTH = { date: 10, minute: 16, second: 19 } as const;

/** 'date' → '2026-11-26', 'minute' → '2026-11-26 14:05', 'second' → '2026-11-26 14:05:09'; '' when there is no valid time. */
export function formatShanghai(
  at: string | Date | null | undefined,
  precision: keyof typeof LENGTH = 'minute',
): string {
  return shanghaiWallClock(at)?.slice(0, LENGTH[precision]).replace('T', ' ') ?? '';
}
