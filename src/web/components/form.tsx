// Form building blocks shared by every page with a form: a CSRF-protected
// <form>, labelled fields with their error next to them (aria-describedby),
// and an error summary at the top that links to each field. They work
// without JavaScript and meet WCAG 2.1 AA when used as intended.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../view.ts';

export interface FormProps {
  view: ViewContext;
  action: string;
  method?: 'post' | 'get';
  children: ComponentChildren;
  /** Accessible name when a page has several forms. */
  label?: string;
}

export function Form({ view, action, method = 'post', children, label }: FormProps) {
  return (
    <form class="form" action={action} method={method} aria-label={label} novalidate>
      {method === 'post' && <input type="hidden" name="_csrf" value={view.csrfToken()} />}
      {children}
    </form>
  );
}

export interface FieldProps {
  name: string;
  label: string;
  type?: 'text' | 'password' | 'tel' | 'email' | 'number' | 'date' | 'search';
  value?: string;
  error?: string;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text';
  maxLength?: number;
}

export function Field({
  name,
  label,
  type = 'text',
  value,
  error,
  hint,
  required,
  autocomplete,
  inputmode,
  maxLength,
}: FieldProps) {
  const id = `f-${name}`;
  const described = describedBy(id, hint, error);
  // Built as a plain object: Preact's input typings do not accept a union `type`.
  const inputAttrs: Record<string, unknown> = {
    id,
    name,
    type,
    value: type === 'password' ? undefined : value,
    required,
    autocomplete,
    inputMode: inputmode,
    maxLength,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': described,
  };
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>
        {label}
        {required && <span class="required"> （必填）</span>}
      </label>
      <FieldHelp id={id} hint={hint} error={error} />
      <input {...inputAttrs} />
    </div>
  );
}

export interface SelectProps {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  value?: string;
  error?: string;
}

export function Select({ name, label, options, value, error }: SelectProps) {
  const id = `f-${name}`;
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>{label}</label>
      {error && (
        <p class="error-text" id={`${id}-error`}>
          {error}
        </p>
      )}
      <select id={id} name={name} aria-describedby={error ? `${id}-error` : undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Problems at the top of the form, each linking to its field. */
export function ErrorSummary({
  errors,
  title = '请修改以下问题',
}: {
  errors: Record<string, string>;
  title?: string;
}) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{title}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li key={name}>
            <a href={`#f-${name}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Button({
  children,
  name,
  value,
  kind = 'primary',
}: {
  children: ComponentChildren;
  name?: string;
  value?: string;
  kind?: 'primary' | 'secondary' | 'danger';
}) {
  return (
    <button type="submit" class={`button button-${kind}`} name={name} value={value}>
      {children}
    </button>
  );
}

/** The ids of a control's hint and error, for aria-describedby. */
export function describedBy(id: string, hint?: string, error?: string) {
  return (
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  );
}

/** A control's hint and error text, with the ids describedBy names. */
export function FieldHelp({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-text" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

export function TextArea(props: {
  name: string;
  label: string;
  value?: string;
  hint?: string;
  error?: string;
  rows?: number;
  maxLength?: number;
  required?: boolean;
  rich?: boolean;
  /** Full width of the form (the editor's body and summary). */
  wide?: boolean;
}) {
  const { name, label, value, hint, error, rows = 4, maxLength, required, rich, wide } = props;
  const id = `f-${name}`;
  const classes = ['field', error ? 'field-error' : '', wide ? 'field-wide' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={classes}>
      <label for={id} id={`${id}-label`}>
        {label}
        {required && <span class="required"> （必填）</span>}
      </label>
      <FieldHelp id={id} hint={hint} error={error} />
      <textarea
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        data-rich-editor={rich ? '' : undefined}
      >
        {value ?? ''}
      </textarea>
    </div>
  );
}
