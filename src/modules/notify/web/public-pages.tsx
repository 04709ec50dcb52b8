// Public pages: the unsubscribe confirmation (GET shows it and changes
// nothing; the button POSTs) and a member's own subscriptions.
import { Button, ErrorSummary, Field, Form, Select } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { ViewContext } from '../../../web/view.ts';
import {
  CHANNEL_LABELS,
  FREQUENCY_LABELS,
  type SubscriptionView,
  TARGET_KINDS,
  TARGET_LABELS,
} from '../subscriptions.ts';
import { ActionForm, Flash, maskAddress } from './parts.tsx';

export interface UnsubscribeInfo {
  target: string;
  channel: string;
  address: string;
  active: boolean;
}

export function UnsubscribePage({
  view,
  token,
  info,
}: {
  view: ViewContext;
  token: string;
  info: UnsubscribeInfo;
}) {
  return (
    <Layout view={view} title="退订">
      <h1>退订</h1>
      {!info.active ? (
        <p>这项订阅已经退订，您不会再收到相关消息。</p>
      ) : (
        <>
          <p>
            您将不再通过{info.channel}（{info.address}）收到“{info.target}”的新发布通知。
          </p>
          <Form view={view} action={`/notify/unsubscribe/${token}`} label="确认退订">
            <div class="field">
              <label>
                <input type="checkbox" name="all" value="1" /> 同时退订发往这个地址的全部订阅
              </label>
            </div>
            <Button>确认退订</Button>
          </Form>
        </>
      )}
    </Layout>
  );
}

export function UnsubscribedPage({ view, count }: { view: ViewContext; count: number }) {
  return (
    <Layout view={view} title="已退订">
      <h1>已退订</h1>
      <p>{count > 0 ? `已退订${count}项订阅，您不会再收到相关消息。` : '这项订阅已经退订。'}</p>
    </Layout>
  );
}

export function SubscriptionsPage({
  view,
  subscriptions,
  values,
  errors = {},
  flash,
}: {
  view: ViewContext;
  subscriptions: SubscriptionView[];
  values: Record<string, string | undefined>;
  errors?: Record<string, string>;
  flash?: string;
}) {
  const active = subscriptions.filter((s) => s.status === 'active');
  return (
    <Layout view={view} title="我的订阅">
      <h1>我的订阅</h1>
      <p>
        <a href="/account">返回我的账号</a>
      </p>
      <Flash text={flash} />
      {active.length === 0 ? (
        <p>您还没有订阅。订阅后，相关政策文件发布时会通过短信或电子邮件通知您。</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">订阅内容</th>
              <th scope="col">方式</th>
              <th scope="col">通知频率</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {active.map((s) => (
              <tr key={s.id}>
                <td>
                  {TARGET_LABELS[s.targetKind]}：{s.targetValue}
                </td>
                <td>
                  {CHANNEL_LABELS[s.channel]}（{maskAddress(s.channel, s.address)}）
                </td>
                <td>{FREQUENCY_LABELS[s.frequency]}</td>
                <td>
                  <ActionForm
                    view={view}
                    action={`/account/subscriptions/${s.id}/end`}
                    label="退订"
                    kind="danger"
                  >
                    退订
                  </ActionForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>新增订阅</h2>
      <ErrorSummary errors={errors} />
      <Form view={view} action="/account/subscriptions" label="新增订阅">
        <Select
          name="target_kind"
          label="订阅类型"
          options={TARGET_KINDS.map((k) => ({ value: k, label: TARGET_LABELS[k] }))}
          value={values.target_kind}
          error={errors.targetKind}
        />
        <Field
          name="target_value"
          label="订阅内容"
          hint="栏目名称、政策主题（如“医疗卫生”）、发布机关（如“市卫生健康委员会”）或关键词"
          value={values.target_value}
          error={errors.targetValue}
          maxLength={100}
          required
        />
        <Select
          name="channel"
          label="通知方式"
          options={[
            { value: 'sms', label: '短信（发到您账号的手机号）' },
            { value: 'email', label: '电子邮件' },
          ]}
          value={values.channel}
          error={errors.channel}
        />
        <Field
          name="email"
          label="电子邮件地址"
          type="email"
          hint="选择电子邮件时填写"
          value={values.email}
          error={errors.address}
          maxLength={254}
          autocomplete="email"
        />
        <Select
          name="frequency"
          label="通知频率"
          options={[
            { value: 'immediate', label: FREQUENCY_LABELS.immediate },
            { value: 'daily', label: FREQUENCY_LABELS.daily },
          ]}
          value={values.frequency}
          error={errors.frequency}
        />
        <Button>订阅</Button>
      </Form>
    </Layout>
  );
}
