// The editor: one form for a new item and for the working revision of an
// existing one. Without JavaScript the body is a text area of HTML; editor.js
// turns it into a formatting editor that writes back on submit. The server
// sanitises whatever arrives. Attachments, the cover image, the schedule and
// submission for review are separate forms below (editor-sections.tsx).
import {
  Button,
  ErrorSummary,
  Field,
  Form,
  Select,
  TextArea,
} from '../../../web/components/form.tsx';
import type { ViewContext } from '../../../web/view.ts';
import { AdminLayout, type Me } from '../../identity/admin/layout.tsx';
import type { ChannelRow, SiteRow } from '../../sites/tables.ts';
import type { Attachment } from '../attachments.ts';
import type { TermHit } from '../sensitive.ts';
import { CONTENT_TYPES, type ContentItemRow } from '../tables.ts';
import { AUDIENCES, LIFE_EVENTS, TOPICS } from '../taxonomy.ts';
import { EditorSections } from './editor-sections.tsx';
import type { EditorValues } from './editor-values.ts';
import { Checkboxes, Input } from './fields.tsx';
import { ContentAssets, ItemTabs, Status, TermHits, TYPE_LABELS } from './parts.tsx';
import { VALIDITIES } from './schemas.ts';

export interface EditorPageProps {
  view: ViewContext;
  me: Me;
  site: SiteRow;
  channel: ChannelRow;
  item?: ContentItemRow;
  values: EditorValues;
  policies: readonly { id: string; title: string; site_code: string }[];
  siteNames: ReadonlyMap<string, string>;
  attachments?: readonly Attachment[];
  hits?: readonly TermHit[];
  message?: string;
  errors?: Record<string, string>;
  flash?: Parameters<typeof AdminLayout>[0]['flash'];
  canSubmit?: boolean;
}

const options = (table: Record<string, string>) =>
  Object.entries(table).map(([value, label]) => ({ value, label }));

export function EditorPage(props: EditorPageProps) {
  const { view, me, site, channel, item, values: v, errors = {}, message, hits = [] } = props;
  const { t } = view;
  const isNew = !item;
  const type = v.type;
  const title = isNew
    ? t('content.editor.newTitle')
    : t('content.editor.editTitle', { title: v.title });
  const frozen = item?.workflow === 'in_review';
  const text = (name: keyof EditorValues & string, label: Parameters<typeof t>[0], max: number) => (
    <Field
      name={name}
      label={t(label)}
      value={v[name] as string}
      error={errors[name]}
      maxLength={max}
    />
  );
  const both = isNew ? 'content.editor.onlyFor' : undefined;
  return (
    <AdminLayout view={view} title={title} me={me} flash={props.flash}>
      <ContentAssets editor />
      <p>
        <a href="/admin/content">{t('content.back')}</a>
      </p>
      <h1>{title}</h1>
      {item && <ItemTabs view={view} id={item.id} current="edit" />}
      {item && <Status view={view} item={item} />}
      <p class="item-where">
        {t('content.editor.where', { site: site.name, channel: channel.name })}
        {item &&
          ` · ${t(TYPE_LABELS[item.type])} · ${t('content.editor.revision', { n: item.working_revision })}`}
      </p>
      {message && (
        <div class="error-summary" role="alert">
          <p>{message}</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      {hits.length > 0 && <TermHits view={view} hits={hits} />}
      {frozen && <p class="banner banner-warn">{t('content.editor.frozen')}</p>}
      <Form
        view={view}
        action={isNew ? '/admin/content/new' : `/admin/content/${item.id}/edit`}
        label={t('content.editor.formLabel')}
      >
        {isNew && (
          <>
            <input type="hidden" name="channel" value={channel.id} />
            <Select
              name="type"
              label={t('content.field.type')}
              value={type}
              error={errors.type}
              options={CONTENT_TYPES.map((c) => ({ value: c, label: t(TYPE_LABELS[c]) }))}
            />
            <Field
              name="slug"
              label={t('content.field.slug')}
              hint={t('content.field.slugHint')}
              value={v.slug}
              error={errors.slug}
              maxLength={63}
            />
          </>
        )}
        <Field
          name="title"
          label={t('content.field.title')}
          value={v.title}
          error={errors.title}
          required
          maxLength={300}
        />
        <TextArea
          wide
          name="summary"
          label={t('content.field.summary')}
          value={v.summary}
          error={errors.summary}
          maxLength={1000}
          rows={3}
        />
        <TextArea
          wide
          name="body"
          label={t('content.field.body')}
          hint={t('content.field.bodyHint')}
          value={v.body}
          error={errors.body}
          rows={16}
          rich
        />
        {text('source', 'content.field.source', 100)}
        {(isNew || type === 'policy') && (
          <fieldset class="field-group">
            <legend>{t('content.editor.policyFields')}</legend>
            {both && <p class="hint">{t(both, { type: t('content.type.policy') })}</p>}
            {text('docNumber', 'content.field.docNumber', 100)}
            {text('issuer', 'content.field.issuer', 200)}
            <Input
              name="writtenOn"
              type="date"
              label={t('content.field.writtenOn')}
              value={v.writtenOn}
              error={errors.writtenOn}
            />
            <Select
              name="validity"
              label={t('content.field.validity')}
              value={v.validity}
              error={errors.validity}
              options={[
                { value: '', label: t('content.validity.none') },
                ...VALIDITIES.map((x) => ({ value: x, label: t(`content.validity.${x}`) })),
              ]}
            />
            <Input
              name="repealedOn"
              type="date"
              label={t('content.field.repealedOn')}
              value={v.repealedOn}
              error={errors.repealedOn}
            />
          </fieldset>
        )}
        {(isNew || type === 'interpretation') && (
          <fieldset class="field-group">
            <legend>{t('content.editor.interpretationFields')}</legend>
            {both && <p class="hint">{t(both, { type: t('content.type.interpretation') })}</p>}
            <Select
              name="policy"
              label={t('content.field.policy')}
              value={v.policy}
              error={errors.policy}
              options={[
                { value: '', label: t('content.field.policyNone') },
                ...props.policies.map((p) => ({
                  value: p.id,
                  label: `${p.title}（${props.siteNames.get(p.site_code) ?? p.site_code}）`,
                })),
              ]}
            />
          </fieldset>
        )}
        {(isNew || type === 'link') && (
          <fieldset class="field-group">
            <legend>{t('content.editor.linkFields')}</legend>
            {both && <p class="hint">{t(both, { type: t('content.type.link') })}</p>}
            <Input
              name="linkUrl"
              type="url"
              label={t('content.field.linkUrl')}
              hint={t('content.field.linkUrlHint')}
              value={v.linkUrl}
              error={errors.linkUrl}
            />
          </fieldset>
        )}
        {v.coverSha256 && item && (
          <fieldset class="field-group">
            <legend>{t('content.cover.title')}</legend>
            <img
              class="cover-preview"
              src={`/admin/content/${item.id}/files/${v.coverSha256}`}
              alt={v.coverAlt}
            />
            <Field
              name="coverAlt"
              label={t('content.cover.alt')}
              hint={t('content.cover.altHint')}
              value={v.coverAlt}
              error={errors.coverAlt}
              required
              maxLength={300}
            />
            <label class="checkbox">
              <input type="checkbox" name="removeCover" value="1" /> {t('content.cover.remove')}
            </label>
          </fieldset>
        )}
        <Checkboxes
          name="audiences"
          legend={t('content.field.audiences')}
          hint={t('content.field.audiencesHint')}
          options={options(AUDIENCES)}
          checked={v.audiences}
          error={errors.audiences}
        />
        <Checkboxes
          name="topics"
          legend={t('content.field.topics')}
          options={options(TOPICS)}
          checked={v.topics}
          error={errors.topics}
        />
        <Checkboxes
          name="lifeEvents"
          legend={t('content.field.lifeEvents')}
          options={options(LIFE_EVENTS)}
          checked={v.lifeEvents}
          error={errors.lifeEvents}
        />
        {isNew && <p class="hint">{t('content.editor.afterCreate')}</p>}
        <Button>{t(isNew ? 'content.editor.create' : 'content.editor.save')}</Button>
      </Form>
      {item && <EditorSections {...props} item={item} />}
    </AdminLayout>
  );
}
