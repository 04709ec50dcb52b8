// The life of an application as one table of transitions. Nothing moves an
// application except through `nextStatus`, so an illegal move (approving what
// was never accepted, reopening a closed case) is refused in one place.
import { conflict } from '../../platform/errors.ts';
import type { ApplicationStatus } from './tables.ts';

export const ACTIONS = [
  'submit',
  'accept',
  'refuse',
  'request_supplement',
  'supply',
  'approve',
  'reject',
  'close',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Who may take an action: the applicant or the department's handler. */
export const ACTION_ACTOR: Record<Action, 'applicant' | 'handler'> = {
  submit: 'applicant',
  accept: 'handler',
  refuse: 'handler',
  request_supplement: 'handler',
  supply: 'applicant',
  approve: 'handler',
  reject: 'handler',
  close: 'handler',
};

const TRANSITIONS: Record<Action, { from: readonly ApplicationStatus[]; to: ApplicationStatus }> = {
  submit: { from: ['draft'], to: 'submitted' },
  // 受理 / 不予受理
  accept: { from: ['submitted'], to: 'accepted' },
  refuse: { from: ['submitted'], to: 'not_accepted' },
  // 补正: the clock stops until the applicant supplies the materials.
  request_supplement: { from: ['accepted'], to: 'supplement' },
  supply: { from: ['supplement'], to: 'accepted' },
  approve: { from: ['accepted'], to: 'approved' },
  reject: { from: ['accepted'], to: 'rejected' },
  // 办结
  close: { from: ['approved', 'rejected'], to: 'closed' },
};

/** Actions that need a written note (reason, request or decision). */
export const NOTE_REQUIRED: readonly Action[] = [
  'refuse',
  'request_supplement',
  'approve',
  'reject',
];

export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: '草稿',
  submitted: '已提交，待受理',
  accepted: '已受理，办理中',
  supplement: '待补正',
  not_accepted: '不予受理',
  approved: '已办结：准予许可',
  rejected: '已办结：不予许可',
  closed: '已归档办结',
};

export const ACTION_LABELS: Record<Action, string> = {
  submit: '提交申请',
  accept: '受理',
  refuse: '不予受理',
  request_supplement: '要求补正',
  supply: '补正材料',
  approve: '准予（作出决定）',
  reject: '不予准予（作出决定）',
  close: '办结',
};

/** The status after `action`, or 409 when the action is not allowed from `from`. */
export function nextStatus(from: ApplicationStatus, action: Action): ApplicationStatus {
  const t = TRANSITIONS[action];
  if (!t.from.includes(from))
    throw conflict(`当前状态为“${STATUS_LABELS[from]}”，不能执行“${ACTION_LABELS[action]}”`);
  return t.to;
}

/** The actions a handler or applicant can take now (buttons on the page). */
export function availableActions(
  status: ApplicationStatus,
  who: 'applicant' | 'handler',
): Action[] {
  return ACTIONS.filter((a) => ACTION_ACTOR[a] === who && TRANSITIONS[a].from.includes(status));
}

/** A decision has been made: the applicant may rate the service. */
export function isDecided(status: ApplicationStatus): boolean {
  return status === 'approved' || status === 'rejected' || status === 'closed';
}

export function isAction(value: string): value is Action {
  return (ACTIONS as readonly string[]).includes(value);
}
