// A form's field problems from a service error: a 400 with fields re-renders
// the form with them; anything else (404, 409, 429, a bug) propagates to the
// error pages.
import { DomainError } from '../../../platform/errors.ts';

export function fieldsOf(err: unknown): Record<string, string> {
  if (err instanceof DomainError && err.fields && err.status === 400) return err.fields;
  throw err;
}
