// Organisation pages: the tree as a table, and one form for new and edit.
import { Button, ErrorSummary, Field, Form, Select } from '../../../web/components/form.tsx';
import type { MessageKey } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import type { OrganisationNode } from '../organisations.ts';
import type { OrganisationKind, OrganisationRow } from '../tables.ts';
import { ORG_KINDS } from './labels.ts';
import { AdminLayout, type Me } from './layout.tsx';

/** Depth-first rows with their depth, for an indented table or select. */
export function flatten(nodes: readonly OrganisationNode[], depth = 0) {
  const out: { org: OrganisationNode; depth: number }[] = [];
  for (const node of nodes) {
    out.push({ org: node, depth });
    out.push(...flatten(node.children, depth + 1));
  }
  return out;
}

export function OrgListPage(props: {
  view: ViewContext;
  me: Me;
  tree: readonly OrganisationNode[];
  flash?: MessageKey;
}) {
  const { view, me, tree, flash } = props;
  const { t } = view;
  const rows = flatten(tree);
  return (
    <AdminLayout view={view} title={t('admin.nav.organisations')} me={me} flash={flash}>
      <h1>{t('admin.nav.organisations')}</h1>
      <p>
        <a class="button button-primary" href="/admin/organisations/new">
          {t('admin.org.new')}
        </a>
      </p>
      {rows.length === 0 ? (
        <p>{t('home.empty')}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('admin.org.name')}</th>
              <th scope="col">{t('admin.org.shortName')}</th>
              <th scope="col">{t('admin.org.code')}</th>
              <th scope="col">{t('admin.org.kind')}</th>
              <th scope="col">{t('admin.org.docPrefix')}</th>
              <th scope="col">{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ org, depth }) => (
              <tr key={org.id}>
                <td class={`depth-${Math.min(depth, 5)}`}>{org.name}</td>
                <td>{org.short_name}</td>
                <td>
                  <code>{org.code}</code>
                </td>
                <td>{t(ORG_KINDS[org.kind])}</td>
                <td>{org.doc_prefix ?? '—'}</td>
                <td>
                  <a href={`/admin/organisations/${org.id}`}>
                    {t('admin.edit')}
                    <span class="visually-hidden">{org.name}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

export type OrgValues = Partial<Record<string, string>>;

export function valuesOf(org: OrganisationRow): OrgValues {
  return {
    code: org.code,
    name: org.name,
    shortName: org.short_name,
    kind: org.kind,
    parentId: org.parent_id ?? '',
    docPrefix: org.doc_prefix ?? '',
    phone: org.phone ?? '',
    address: org.address ?? '',
    email: org.email ?? '',
    sortOrder: String(org.sort_order),
  };
}

export function OrgFormPage(props: {
  view: ViewContext;
  me: Me;
  /** The organisation being edited; absent for a new one. */
  org?: OrganisationRow;
  /** Possible parents: the tree without the organisation itself and its descendants. */
  parents: readonly OrganisationNode[];
  values: OrgValues;
  message?: string;
  errors?: Record<string, string>;
}) {
  const { view, me, org, parents, values, message, errors = {} } = props;
  const { t } = view;
  const title = org ? t('admin.org.editTitle', { name: org.name }) : t('admin.org.new');
  const parentOptions = [
    { value: '', label: t('admin.org.noParent') },
    ...flatten(parents).map(({ org: o, depth }) => ({
      value: o.id,
      label: `${'— '.repeat(depth)}${o.name}`,
    })),
  ];
  const kinds = (Object.keys(ORG_KINDS) as OrganisationKind[]).map((k) => ({
    value: k,
    label: t(ORG_KINDS[k]),
  }));
  const text = (name: string, label: MessageKey, maxLength: number, required = false) => (
    <Field
      name={name}
      label={t(label)}
      value={values[name]}
      error={errors[name]}
      required={required}
      maxLength={maxLength}
    />
  );
  return (
    <AdminLayout view={view} title={title} me={me}>
      <p>
        <a href="/admin/organisations">{t('admin.org.back')}</a>
      </p>
      <h1>{title}</h1>
      {message && (
        <div class="error-summary" role="alert">
          <p>{message}</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <Form
        view={view}
        action={org ? `/admin/organisations/${org.id}` : '/admin/organisations/new'}
      >
        {text('name', 'admin.org.name', 200, true)}
        {text('shortName', 'admin.org.shortName', 50, true)}
        <Field
          name="code"
          label={t('admin.org.code')}
          hint={t('admin.org.codeHint')}
          value={values.code}
          error={errors.code}
          required
          maxLength={50}
        />
        <Select name="kind" label={t('admin.org.kind')} options={kinds} value={values.kind} />
        <Select
          name="parentId"
          label={t('admin.org.parent')}
          options={parentOptions}
          value={values.parentId}
          error={errors.parentId}
        />
        {text('docPrefix', 'admin.org.docPrefix', 50)}
        {text('phone', 'admin.org.phone', 50)}
        {text('address', 'admin.org.address', 300)}
        {text('email', 'admin.org.email', 200)}
        <Field
          name="sortOrder"
          type="number"
          label={t('admin.org.sortOrder')}
          value={values.sortOrder ?? '0'}
          error={errors.sortOrder}
          inputmode="numeric"
        />
        <Button>{t('admin.save')}</Button>
      </Form>
    </AdminLayout>
  );
}
