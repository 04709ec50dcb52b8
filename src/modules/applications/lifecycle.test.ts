import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../../platform/errors.ts';
import { ACTIONS, type Action, availableActions, nextStatus } from './lifecycle.ts';
import { APPLICATION_STATUSES, type ApplicationStatus } from './tables.ts';

// The complete list of legal moves, written out by hand: any other pair of
// status and action must be refused.
const LEGAL: [ApplicationStatus, Action, ApplicationStatus][] = [
  ['draft', 'submit', 'submitted'],
  ['submitted', 'accept', 'accepted'],
  ['submitted', 'refuse', 'not_accepted'],
  ['accepted', 'request_supplement', 'supplement'],
  ['supplement', 'supply', 'accepted'],
  ['accepted', 'approve', 'approved'],
  ['accepted', 'reject', 'rejected'],
  ['approved', 'close', 'closed'],
  ['rejected', 'close', 'closed'],
];

describe('application lifecycle', () => {
  it('allows exactly the legal moves and refuses every other with 409', () => {
    let refused = 0;
    for (const status of APPLICATION_STATUSES) {
      for (const action of ACTIONS) {
        const legal = LEGAL.find(([from, a]) => from === status && a === action);
        if (legal) {
          assert.equal(nextStatus(status, action), legal[2], `${status} —${action}→`);
        } else {
          assert.throws(
            () => nextStatus(status, action),
            (err: unknown) => err instanceof DomainError && err.status === 409,
            `${status} —${action}→ must be refused`,
          );
          refused += 1;
        }
      }
    }
    assert.equal(refused, APPLICATION_STATUSES.length * ACTIONS.length - LEGAL.length);
  });

  it('has no way out of the final states', () => {
    for (const final of ['not_accepted', 'closed'] as const) {
      assert.deepEqual(availableActions(final, 'handler'), []);
      assert.deepEqual(availableActions(final, 'applicant'), []);
    }
  });

  it('offers handlers and applicants only their own actions', () => {
    assert.deepEqual(availableActions('submitted', 'handler'), ['accept', 'refuse']);
    assert.deepEqual(availableActions('submitted', 'applicant'), []);
    assert.deepEqual(availableActions('supplement', 'applicant'), ['supply']);
    assert.deepEqual(availableActions('supplement', 'handler'), []);
  });
});
