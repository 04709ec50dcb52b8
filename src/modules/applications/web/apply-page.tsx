// The application form (/services/<code>/apply, /services/bundles/<code>/apply):
// one multipart form with the definition's fields and one file input per
// material, a hidden token that makes the form one application, and two
// buttons — save a draft, or submit.
import { ErrorSummary } from '../../../web/components/form.tsx';
import type { ViewContext } from '../../../web/view.ts';
import { ACCEPT_ATTRIBUTE } from '../../content/uploads.ts';
import type { FieldErrors, FormValues } from '../form-compile.ts';
import type { FormDefinition } from '../form-definition.ts';
import { type Frame, ServicePage } from './chrome.tsx';
import { DefinitionFields, type FileNote, MaterialInputs } from './form-fields.tsx';

export interface ApplyPageProps {
  view: ViewContext;
  frame: Frame;
  name: string;
  action: string;
  /** The services a bundle fans out to (empty for a single service). */
  members: readonly { name: string }[];
  definition: FormDefinition;
  token: string;
  values: FormValues;
  errors: FieldErrors;
  attached: readonly FileNote[];
  message?: string;
  saved?: boolean;
}

export function ApplyPage(p: ApplyPageProps) {
  const { view } = p;
  const { t } = view;
  const title = t('applications.apply.title', { name: p.name });
  return (
    <ServicePage view={view} frame={p.frame} title={title}>
      <h1>{title}</h1>
      {p.saved && (
        <p class="flash" role="status">
          {t('applications.apply.draftSaved')}
        </p>
      )}
      {p.message && <p class="error-text">{p.message}</p>}
      <ErrorSummary errors={p.errors} />
      <p>{t('applications.apply.lead')}</p>
      {p.members.length > 0 && (
        <div class="notice">
          <p>{t('applications.apply.bundleLead')}</p>
          <ul>
            {p.members.map((m) => (
              <li key={m.name}>{m.name}</li>
            ))}
          </ul>
        </div>
      )}
      <form
        class="form form-wide"
        action={p.action}
        method="post"
        enctype="multipart/form-data"
        aria-label={title}
        novalidate
      >
        <input type="hidden" name="_csrf" value={view.csrfToken()} />
        <input type="hidden" name="_token" value={p.token} />
        <DefinitionFields def={p.definition} values={p.values} errors={p.errors} />
        {p.definition.materials.length > 0 && (
          <MaterialInputs
            def={p.definition}
            errors={p.errors}
            attached={p.attached}
            accept={ACCEPT_ATTRIBUTE}
          />
        )}
        {Object.keys(p.errors).length > 0 && (
          <p class="hint">{t('applications.apply.filesAgain')}</p>
        )}
        <p>
          <button type="submit" class="button button-primary" name="_action" value="submit">
            {t('applications.apply.submit')}
          </button>{' '}
          <button type="submit" class="button button-secondary" name="_action" value="draft">
            {t('applications.apply.saveDraft')}
          </button>
        </p>
      </form>
    </ServicePage>
  );
}
