// Back office: the outbox list (search by the full recipient, found through
// its keyed hash; filters by status and channel; cancel and resend buttons)
// and one message in detail. Recipients are masked in the list; the detail
// page shows the text, except for codes, which staff never need to read.

import { Button, Field, Form, Select } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { ViewContext } from '../../../web/view.ts';
import type { OutboxEntry } from '../outbox.ts';
import { isTemplateName, TEMPLATES } from '../templates.ts';
import {
  ActionForm,
  beijing,
  DELIVERY_LABELS,
  Flash,
  maskAddress,
  STATUS_LABELS,
} from './parts.tsx';

export interface OutboxQuery {
  to?: string;
  status?: string;
  channel?: string;
}

const templateTitle = (name: string) => (isTemplateName(name) ? TEMPLATES[name].title : name);
const CANCELLABLE = new Set(['pending']);
const RESENDABLE = new Set(['sent', 'failed', 'dead', 'cancelled', 'held']);

function Actions({ view, m }: { view: ViewContext; m: OutboxEntry }) {
  return (
    <>
      <a href={`/admin/notify/messages/${m.id}`}>详情</a>{' '}
      {CANCELLABLE.has(m.status) && (
        <ActionForm
          view={view}
          action={`/admin/notify/messages/${m.id}/cancel`}
          label="取消发送"
          kind="danger"
        >
          取消
        </ActionForm>
      )}
      {RESENDABLE.has(m.status) && (
        <ActionForm view={view} action={`/admin/notify/messages/${m.id}/resend`} label="重新发送">
          重发
        </ActionForm>
      )}
    </>
  );
}

export function OutboxListPage(props: {
  view: ViewContext;
  messages: OutboxEntry[];
  query: OutboxQuery;
  flash?: string;
  gateways: { sms: boolean; email: boolean };
}) {
  const { view, messages, query } = props;
  const statusOptions = [
    { value: '', label: '全部状态' },
    ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
  ];
  return (
    <Layout view={view} title="消息发送记录">
      <h1>消息发送记录</h1>
      <p>
        <a href="/admin/notify/templates">消息模板</a>
      </p>
      <Flash text={props.flash} />
      {(!props.gateways.sms || !props.gateways.email) && (
        <p class="notice">
          {!props.gateways.sms && '未配置短信网关（YIMEN_SMPP_URL）：短信只保留在此处，不会发出。'}
          {!props.gateways.email &&
            '未配置邮件服务器（YIMEN_SMTP_URL）：邮件只保留在此处，不会发出。'}
        </p>
      )}
      <Form view={view} action="/admin/notify" method="get" label="查找消息">
        <Field
          name="to"
          label="收件人（完整手机号或邮箱）"
          type="search"
          value={query.to}
          maxLength={254}
        />
        <Select name="status" label="状态" options={statusOptions} value={query.status ?? ''} />
        <Select
          name="channel"
          label="渠道"
          options={[
            { value: '', label: '全部渠道' },
            { value: 'sms', label: '短信' },
            { value: 'email', label: '电子邮件' },
          ]}
          value={query.channel ?? ''}
        />
        <Button kind="secondary">查找</Button>
      </Form>
      {messages.length === 0 ? (
        <p>没有符合条件的消息。</p>
      ) : (
        <table class="table">
          <caption>最近的消息（最新的在前）</caption>
          <thead>
            <tr>
              <th scope="col">创建时间</th>
              <th scope="col">渠道</th>
              <th scope="col">收件人</th>
              <th scope="col">类型</th>
              <th scope="col">状态</th>
              <th scope="col">尝试次数</th>
              <th scope="col">送达回执</th>
              <th scope="col">说明</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td>{beijing(m.createdAt)}</td>
                <td>{m.channel === 'sms' ? '短信' : '电子邮件'}</td>
                <td>{maskAddress(m.channel, m.to)}</td>
                <td>{templateTitle(m.template)}</td>
                <td>{STATUS_LABELS[m.status as keyof typeof STATUS_LABELS] ?? m.status}</td>
                <td>{m.attempts}</td>
                <td>
                  {m.deliveryStatus ? (DELIVERY_LABELS[m.deliveryStatus] ?? m.deliveryStatus) : ''}
                </td>
                <td>{m.bounce ?? m.lastError ?? ''}</td>
                <td>
                  <Actions view={view} m={m} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export function MessagePage({
  view,
  m,
  flash,
}: {
  view: ViewContext;
  m: OutboxEntry;
  flash?: string;
}) {
  // Staff never need to read a sign-in code.
  const secret = m.template === 'auth.sms_code';
  const rows: [string, string][] = [
    ['编号', m.id],
    ['渠道', m.channel === 'sms' ? '短信' : '电子邮件'],
    ['收件人', maskAddress(m.channel, m.to)],
    ['类型', templateTitle(m.template)],
    ['紧急', m.urgent ? '是（不受免打扰时段和收件人上限限制）' : '否'],
    ['状态', STATUS_LABELS[m.status as keyof typeof STATUS_LABELS] ?? m.status],
    ['尝试次数', String(m.attempts)],
    ['下次尝试', beijing(m.nextAttemptAt)],
    ['创建时间', beijing(m.createdAt)],
    ['发出时间', beijing(m.sentAt)],
    ['服务商消息编号', m.providerMessageId ?? ''],
    [
      '送达回执',
      m.deliveryStatus
        ? `${DELIVERY_LABELS[m.deliveryStatus] ?? m.deliveryStatus}（${beijing(m.deliveredAt)}）`
        : '',
    ],
    ['退信', m.bounce ?? ''],
    ['最近错误', m.lastError ?? ''],
  ];
  return (
    <Layout view={view} title="消息详情">
      <h1>消息详情</h1>
      <p>
        <a href="/admin/notify">返回消息发送记录</a>
      </p>
      <Flash text={flash} />
      <table class="table">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>内容</h2>
      {secret ? <p>验证码短信的内容不予显示。</p> : <pre class="message-body">{m.body}</pre>}
      <Actions view={view} m={m} />
    </Layout>
  );
}
