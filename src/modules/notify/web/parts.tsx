// Small pieces shared by the notification pages: Chinese labels, masking,
// Beijing time and a one-button POST form (with its CSRF
// token) for row actions.

import type { ComponentChildren } from 'preact';
import { formatShanghai } from '../../../platform/clock.ts';
import type { ViewContext } from '../../../web/view.ts';
import { maskPhone } from '../../identity/validators.ts';
import type { Channel, OutboxStatus } from '../tables.ts';

export const STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: '待发送',
  sending: '发送中',
  sent: '已发送',
  held: '已保留（未配置网关，未发出）',
  failed: '发送失败',
  dead: '多次失败，已停止',
  cancelled: '已取消',
};

export const DELIVERY_LABELS: Record<string, string> = {
  DELIVRD: '已送达',
  ACCEPTD: '已接收',
  ENROUTE: '投递中',
  EXPIRED: '已过期未送达',
  DELETED: '已删除',
  UNDELIV: '无法送达',
  REJECTD: '被拒收',
  UNKNOWN: '状态未知',
};

/** '13812345678' → '138****5678'; 'zhang@example.cn' → 'z***@example.cn'. */
export function maskAddress(channel: Channel, address: string): string {
  if (channel === 'sms') return maskPhone(address);
  const at = address.lastIndexOf('@');
  return at > 0 ? `${address[0]}***${address.slice(at)}` : '***';
}

/** '2026-11-26T06:00:00.000Z' → '2026-11-26 14:00:00' (Beijing time). */
export function beijing(iso: string | null | undefined): string {
  return formatShanghai(iso, 'second');
}

/** A POST form with one button, for an action on one row. */
export function ActionForm({
  view,
  action,
  label,
  children,
  kind = 'secondary',
}: {
  view: ViewContext;
  action: string;
  label: string;
  children: ComponentChildren;
  kind?: 'secondary' | 'danger';
}) {
  return (
    <form class="inline-form" action={action} method="post" aria-label={label}>
      <input type="hidden" name="_csrf" value={view.csrfToken()} />
      <button type="submit" class={`button button-${kind} button-small`}>
        {children}
      </button>
    </form>
  );
}

export function Flash({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <p class="flash" role="status">
      {text}
    </p>
  );
}
