// The forms under the editor: attachments (list, remove, upload), the cover
// image (upload with its required alt text), the schedule, and submission for
// review. Each is its own form with its own CSRF token.
import { Button, Field, Form } from '../../../web/components/form.tsx';
import type { ContentItemRow } from '../tables.ts';
import { ACCEPT_ATTRIBUTE, IMAGE_ACCEPT_ATTRIBUTE } from '../uploads.ts';
import { toLocalInput } from './common.ts';
import type { EditorPageProps } from './editor-page.tsx';
import { ActionButton, Input, UploadForm } from './fields.tsx';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function EditorSections(props: EditorPageProps & { item: ContentItemRow }) {
  const { view, item, attachments = [], errors = {}, hits = [] } = props;
  const { t } = view;
  const base = `/admin/content/${item.id}`;
  const blocked = hits.some((h) => h.severity === 'block');
  const submittable = item.workflow === 'draft' || item.workflow === 'returned';
  return (
    <>
      <section aria-labelledby="attachments-title">
        <h2 id="attachments-title">{t('content.attachments.title')}</h2>
        {attachments.length === 0 ? (
          <p>{t('content.attachments.none')}</p>
        ) : (
          <ul class="attachment-list">
            {attachments.map((a) => (
              <li key={a.sha256}>
                <a href={`${base}/files/${a.sha256}`}>{a.name}</a>{' '}
                <span class="hint">（{size(a.size)}）</span>{' '}
                <ActionButton
                  view={view}
                  action={`${base}/attachments/${a.sha256}/remove`}
                  label={t('content.attachments.remove')}
                  detail={a.name}
                  kind="danger"
                />
              </li>
            ))}
          </ul>
        )}
        <UploadForm
          view={view}
          action={`${base}/attachments`}
          label={t('content.attachments.upload')}
        >
          <Input
            name="files"
            type="file"
            label={t('content.attachments.choose')}
            hint={t('content.attachments.hint')}
            accept={ACCEPT_ATTRIBUTE}
            error={errors.files}
            multiple
          />
          <Button kind="secondary">{t('content.attachments.upload')}</Button>
        </UploadForm>
      </section>
      <section aria-labelledby="cover-title">
        <h2 id="cover-title">{t('content.cover.upload')}</h2>
        <UploadForm view={view} action={`${base}/cover`} label={t('content.cover.upload')}>
          <Field
            name="alt"
            label={t('content.cover.alt')}
            hint={t('content.cover.altHint')}
            error={errors.alt}
            required
            maxLength={300}
          />
          <Input
            name="cover"
            type="file"
            label={t('content.cover.file')}
            hint={t('content.cover.fileHint')}
            accept={IMAGE_ACCEPT_ATTRIBUTE}
            error={errors.cover}
          />
          <Button kind="secondary">{t('content.cover.upload')}</Button>
        </UploadForm>
      </section>
      <section aria-labelledby="schedule-title">
        <h2 id="schedule-title">{t('content.schedule.title')}</h2>
        <p class="hint">{t('content.schedule.hint')}</p>
        <Form view={view} action={`${base}/schedule`} label={t('content.schedule.title')}>
          <Input
            name="publishAt"
            type="datetime-local"
            label={t('content.schedule.publishAt')}
            value={toLocalInput(item.publish_at)}
            error={errors.publishAt}
          />
          <Input
            name="unpublishAt"
            type="datetime-local"
            label={t('content.schedule.unpublishAt')}
            value={toLocalInput(item.unpublish_at)}
            error={errors.unpublishAt}
          />
          <Button kind="secondary">{t('content.schedule.save')}</Button>
        </Form>
      </section>
      {submittable && props.canSubmit && (
        <section aria-labelledby="submit-title">
          <h2 id="submit-title">{t('content.submit.title')}</h2>
          <p class="hint">{t(blocked ? 'content.submit.blocked' : 'content.submit.hint')}</p>
          <Form view={view} action={`${base}/submit`} label={t('content.submit.title')}>
            <Button>{t('content.submit.button')}</Button>
          </Form>
        </section>
      )}
    </>
  );
}
