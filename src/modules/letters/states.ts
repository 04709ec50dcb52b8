// The letter's life as one table of allowed moves. Every change of status
// goes through `moveLetter` (transition.ts), which refuses a move not listed
// here and compares-and-sets the status, so two people acting at once cannot
// both move the same letter.
import type { LetterStatus } from './tables.ts';

export type LetterAction =
  | 'assign'
  | 'reject'
  | 'merge'
  | 'submit_reply'
  | 'approve_reply'
  | 'return_reply'
  | 'rate'
  | 'rehandle';

export const TRANSITIONS: Record<LetterAction, { from: LetterStatus[]; to: LetterStatus }> = {
  assign: { from: ['submitted'], to: 'assigned' },
  reject: { from: ['submitted'], to: 'rejected' },
  merge: { from: ['submitted'], to: 'merged' },
  submit_reply: { from: ['assigned'], to: 'reviewing' },
  approve_reply: { from: ['reviewing'], to: 'replied' },
  return_reply: { from: ['reviewing'], to: 'assigned' },
  rate: { from: ['replied'], to: 'closed' },
  rehandle: { from: ['replied'], to: 'assigned' },
};

/** Open letters: someone still owes the writer an answer. */
export const OPEN_STATUSES: readonly LetterStatus[] = ['submitted', 'assigned', 'reviewing'];

/** Letters whose reply has been sent. */
export const ANSWERED_STATUSES: readonly LetterStatus[] = ['replied', 'closed'];

export function canMove(status: LetterStatus, action: LetterAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}
