// Back office: the message templates, and editing one. The form shows the
// variables the template may use and must use; a refused edit comes back with
// the problem next to its field (unknown or missing variables, stray braces).
import { Button, ErrorSummary, Field, Form, TextArea } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { ViewContext } from '../../../web/view.ts';
import type { TemplateSummary } from '../template-store.ts';
import { ActionForm, beijing, Flash } from './parts.tsx';

export function TemplatesPage({
  view,
  templates,
  flash,
}: {
  view: ViewContext;
  templates: TemplateSummary[];
  flash?: string;
}) {
  return (
    <Layout view={view} title="消息模板">
      <h1>消息模板</h1>
      <p>
        <a href="/admin/notify">返回消息发送记录</a>
      </p>
      <Flash text={flash} />
      <table class="table">
        <thead>
          <tr>
            <th scope="col">模板</th>
            <th scope="col">渠道</th>
            <th scope="col">内容</th>
            <th scope="col">修改</th>
          </tr>
        </thead>
        <tbody>
          {templates.map((t) => (
            <tr key={t.name}>
              <td>{t.title}</td>
              <td>{t.channel === 'sms' ? '短信' : '电子邮件'}</td>
              <td>
                {t.overridden ? `已修改（${t.updatedBy ?? ''}，${beijing(t.updatedAt)}）` : '默认'}
              </td>
              <td>
                <a href={`/admin/notify/templates/${t.name}`}>编辑“{t.title}”</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function TemplateEditPage({
  view,
  template,
  values,
  errors = {},
}: {
  view: ViewContext;
  template: TemplateSummary;
  values: { subject?: string; text: string };
  errors?: Record<string, string>;
}) {
  const vars = template.variables.map((v) => `{${v}}`).join('、');
  const required = template.required.map((v) => `{${v}}`).join('、');
  const action = `/admin/notify/templates/${template.name}`;
  return (
    <Layout view={view} title={`编辑模板：${template.title}`}>
      <h1>编辑模板：{template.title}</h1>
      <p>
        <a href="/admin/notify/templates">返回消息模板</a>
      </p>
      <ErrorSummary errors={errors} />
      <p>
        可用的变量：{vars}。必须使用：{required}。
        {template.channel === 'email' && '邮件的纯文本和HTML两种正文都由下面的内容生成。'}
      </p>
      <Form view={view} action={action} label="模板内容">
        {template.channel === 'email' && (
          <Field
            name="subject"
            label="邮件标题"
            value={values.subject}
            error={errors.subject}
            maxLength={200}
          />
        )}
        <TextArea
          name="text"
          label="正文"
          value={values.text}
          error={errors.text}
          rows={8}
          maxLength={5000}
        />
        <Button>保存</Button>
      </Form>
      {template.overridden && (
        <ActionForm view={view} action={`${action}/reset`} label="恢复默认内容" kind="danger">
          恢复默认内容
        </ActionForm>
      )}
    </Layout>
  );
}
