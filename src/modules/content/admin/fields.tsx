// Form controls the shared form components do not have yet, built the same
// way (label, hint and error tied to the control with aria-describedby):
// a group of checkboxes, date/time and file inputs, and a
// multipart form whose CSRF token comes first (it is checked before any file
// is read).
import type { ComponentChildren } from 'preact';
import { describedBy, FieldHelp as Help } from '../../../web/components/form.tsx';
import type { ViewContext } from '../../../web/view.ts';

export function Checkboxes(props: {
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  checked: readonly string[];
  hint?: string;
  error?: string;
}) {
  const { name, legend, options, checked, hint, error } = props;
  const id = `f-${name}`;
  return (
    <fieldset class="field checkboxes" id={id} aria-describedby={describedBy(id, hint, error)}>
      <legend>{legend}</legend>
      <Help id={id} hint={hint} error={error} />
      {options.map((o) => (
        <label key={o.value} class="checkbox">
          <input type="checkbox" name={name} value={o.value} checked={checked.includes(o.value)} />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export function Input(props: {
  name: string;
  label: string;
  type: 'date' | 'datetime-local' | 'file' | 'url' | 'color';
  value?: string;
  hint?: string;
  error?: string;
  accept?: string;
  multiple?: boolean;
  required?: boolean;
}) {
  const { name, label, type, value, hint, error, accept, multiple, required } = props;
  const id = `f-${name}`;
  const attrs: Record<string, unknown> = {
    id,
    name,
    type,
    value: type === 'file' ? undefined : value,
    accept,
    multiple,
    required,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy(id, hint, error),
  };
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>
        {label}
        {required && <span class="required"> （必填）</span>}
      </label>
      <Help id={id} hint={hint} error={error} />
      <input {...attrs} />
    </div>
  );
}

/** A multipart form: the CSRF token is its first part, so it is checked before any file. */
export function UploadForm(props: {
  view: ViewContext;
  action: string;
  label: string;
  children: ComponentChildren;
}) {
  return (
    <form
      class="form"
      action={props.action}
      method="post"
      enctype="multipart/form-data"
      aria-label={props.label}
      novalidate
    >
      <input type="hidden" name="_csrf" value={props.view.csrfToken()} />
      {props.children}
    </form>
  );
}

/** A form that is only a button (and maybe a hidden value): a POST action with CSRF. */
export function ActionButton(props: {
  view: ViewContext;
  action: string;
  label: string;
  kind?: 'primary' | 'secondary' | 'danger';
  hidden?: Record<string, string>;
  /** Extra words for screen readers, e.g. which file a “删除” removes. */
  detail?: string;
}) {
  const { view, action, label, kind = 'secondary', hidden = {}, detail } = props;
  return (
    <form class="inline-form" action={action} method="post">
      <input type="hidden" name="_csrf" value={view.csrfToken()} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={`button button-${kind} button-small`}>
        {label}
        {detail && <span class="visually-hidden">{detail}</span>}
      </button>
    </form>
  );
}
