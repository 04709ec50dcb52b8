// Local time for people: Yimen stores UTC and shows Asia/Shanghai, which is
// UTC+8 all year (China has no daylight saving), so one offset is exact.
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * Stored timestamps repeat on every page that lists them (a list shows the
 * same dates to every visitor), and parsing and formatting one costs about a
 * microsecond: the conversions of strings are remembered, up to a bound.
 */
const wallClockOf = new Map<string, string | undefined>();
const WALL_CLOCK_MEMORY = 10_000;

function toWallClock(ms: number): string | undefined {
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19);
}

/** The Shanghai wall-clock time 'YYYY-MM-DDTHH:mm:ss' of an instant; undefined for none or an invalid one. */
export function shanghaiWallClock(at: string | Date | null | undefined): string | undefined {
  if (at === null || at === undefined || at === '') return undefined;
  if (typeof at !== 'string') return toWallClock(at.getTime());
  if (wallClockOf.has(at)) return wallClockOf.get(at);
  const wall = toWallClock(Date.parse(at));
  if (wallClockOf.size >= WALL_CLOCK_MEMORY) wallClockOf.clear();
  wallClockOf.set(at, wall);
  return wall;
}

const LENGTH = { date: 10, minute: 16, second: 19 } as const;

/** 'date' → '2026-11-26', 'minute' → '2026-11-26 14:05', 'second' → '2026-11-26 14:05:09'; '' when there is no valid time. */
export function formatShanghai(
  at: string | Date | null | undefined,
  precision: keyof typeof LENGTH = 'minute',
): string {
  return shanghaiWallClock(at)?.slice(0, LENGTH[precision]).replace('T', ' ') ?? '';
}
