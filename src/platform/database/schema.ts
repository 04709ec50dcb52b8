// The typed shape of the whole database. Each module adds its own tables by
// augmenting this interface next to its migrations, e.g.
//   declare module '../../platform/database/schema.ts' {
//     interface Database { organisations: OrganisationTable }
//   }
// so no central file has to list every table.

// biome-ignore lint/suspicious/noEmptyInterface: filled by module augmentation
export interface Database {}

/** Timestamps are ISO-8601 UTC strings ("2026-11-26T06:00:00.000Z") on both dialects. */
export type Timestamp = string;

export function nowIso(date: Date = new Date()): Timestamp {
  return date.toISOString();
}
