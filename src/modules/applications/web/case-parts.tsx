// Pieces shown both to the applicant and to the handler: the status with its
// deadline colour, the history with times, the files.

import { formatShanghai } from '../../../platform/clock.ts';
import type { Urgency } from '../deadline.ts';
import { URGENCY_LABELS } from '../deadline.ts';
import { STATUS_LABELS } from '../lifecycle.ts';
import type { ApplicationEventRow, ApplicationFileRow, ApplicationStatus } from '../tables.ts';

export const time = (iso: string | null | undefined) => (iso ? formatShanghai(iso, 'minute') : '—');

export function StatusText({ status }: { status: ApplicationStatus }) {
  return <span class={`status status-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  if (urgency === 'none') return <span>—</span>;
  return <span class={`urgency urgency-${urgency}`}>{URGENCY_LABELS[urgency]}</span>;
}

const ACTION_WORDS: Record<string, string> = {
  submit: '提交申请',
  accept: '受理',
  refuse: '不予受理',
  request_supplement: '要求补正',
  supply: '补正材料',
  approve: '作出准予决定',
  reject: '作出不予准予决定',
  close: '办结',
};

export function History({
  events,
  showActors,
}: {
  events: readonly ApplicationEventRow[];
  showActors: boolean;
}) {
  return (
    <ol class="history">
      {events.map((e) => (
        <li key={e.id}>
          <time datetime={e.at}>{time(e.at)}</time>　{ACTION_WORDS[e.action] ?? e.action} →{' '}
          <StatusText status={e.to_status} />
          {showActors && `（${e.actor_name}）`}
          {e.note && <p class="hint">{e.note}</p>}
        </li>
      ))}
    </ol>
  );
}

export function FileList({
  files,
  href,
}: {
  files: readonly ApplicationFileRow[];
  href: (f: ApplicationFileRow) => string;
}) {
  if (files.length === 0) return <p>没有上传材料。</p>;
  return (
    <ul>
      {files.map((f) => (
        <li key={f.id}>
          <a href={href(f)}>{f.name}</a>（{f.material}
          {f.round > 0 ? `，第${f.round}次补正` : ''}，{Math.max(1, Math.round(f.size / 1024))} KB）
        </li>
      ))}
    </ul>
  );
}
