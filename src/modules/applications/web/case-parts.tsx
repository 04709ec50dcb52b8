// Pieces shown both to the applicant and to the handler: the status with its
// deadline colour, the history with times, the files.

import { formatShanghai } from '../../../platform/clock.ts';
import { translator } from '../../../web/i18n/index.ts';
import type { Urgency } from '../deadline.ts';
import { URGENCY_LABELS } from '../deadline.ts';
import { STATUS_LABELS } from '../lifecycle.ts';
import type { ApplicationEventRow, ApplicationFileRow, ApplicationStatus } from '../tables.ts';

const tr = translator('zh-CN');

export const time = (iso: string | null | undefined) => (iso ? formatShanghai(iso, 'minute') : '—');

export function StatusText({ status }: { status: ApplicationStatus }) {
  return <span class={`status status-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  if (urgency === 'none') return <span>—</span>;
  return <span class={`urgency urgency-${urgency}`}>{URGENCY_LABELS[urgency]}</span>;
}

const ACTION_WORDS: Record<string, string> = {
  submit: tr('applications.parts.action.submit'),
  accept: tr('applications.parts.action.accept'),
  refuse: tr('applications.parts.action.refuse'),
  request_supplement: tr('applications.parts.action.request_supplement'),
  supply: tr('applications.parts.action.supply'),
  approve: tr('applications.parts.action.approve'),
  reject: tr('applications.parts.action.reject'),
  close: tr('applications.parts.action.close'),
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
  if (files.length === 0) return <p>{tr('applications.parts.noFiles')}</p>;
  return (
    <ul>
      {files.map((f) => (
        <li key={f.id}>
          <a href={href(f)}>{f.name}</a>（{f.material}
          {f.round > 0 ? tr('applications.parts.round', { round: f.round }) : ''}，
          {Math.max(1, Math.round(f.size / 1024))} KB）
        </li>
      ))}
    </ul>
  );
}
