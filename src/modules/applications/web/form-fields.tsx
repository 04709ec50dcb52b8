// A form definition rendered as plain HTML controls: every field is shown
// (no script hides anything), and a conditional one says when it applies.
// Errors sit next to their control and in the summary; ids follow the shared
// components (f-<name>), so the summary's links land on the control.

import { describedBy, Field, FieldHelp, Select, TextArea } from '../../../web/components/form.tsx';
import { translator } from '../../../web/i18n/index.ts';
import type { FieldErrors, FormValues } from '../form-compile.ts';
import type { FormDefinition, FormField, FormMaterial } from '../form-definition.ts';

const tr = translator('zh-CN');

function conditionText(
  def: FormDefinition,
  when: FormField['when'] | FormMaterial['when'],
): string | undefined {
  if (!when) return undefined;
  const target = def.fields.find((f) => f.name === when.field);
  if (!target) return undefined;
  const labels = when.equals.map(
    (v) =>
      target.options?.find((o) => o.value === v)?.label ??
      (v === '1' ? tr('applications.fields.checked') : v),
  );
  return tr('applications.fields.when', { field: target.label, values: labels.join('”或“') });
}

const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('；') || undefined;

function Choice({
  field,
  value,
  error,
  hint,
}: {
  field: FormField;
  value?: string;
  error?: string;
  hint?: string;
}) {
  const id = `f-${field.name}`;
  return (
    <fieldset
      class={error ? 'fieldset field-error' : 'fieldset'}
      id={id}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend>
        {field.label}
        {field.required && <span class="required">{tr('applications.fields.required')}</span>}
      </legend>
      <FieldHelp id={id} hint={hint} error={error} />
      {(field.options ?? []).map((o) => (
        <label key={o.value} class="choice">
          <input type="radio" name={field.name} value={o.value} checked={value === o.value} />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

function Checkbox({
  field,
  value,
  error,
  hint,
}: {
  field: FormField;
  value?: string;
  error?: string;
  hint?: string;
}) {
  const id = `f-${field.name}`;
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <FieldHelp id={id} hint={hint} error={error} />
      <label class="choice" for={id}>
        <input
          id={id}
          type="checkbox"
          name={field.name}
          value="1"
          checked={value === '1'}
          aria-describedby={describedBy(id, hint, error)}
        />{' '}
        {field.label}
      </label>
    </div>
  );
}

function FormFieldControl({
  def,
  field,
  values,
  errors,
}: {
  def: FormDefinition;
  field: FormField;
  values: FormValues;
  errors: FieldErrors;
}) {
  const hint = join(field.hint, conditionText(def, field.when));
  const value = values[field.name];
  const error = errors[field.name];
  const common = {
    name: field.name,
    label: field.label,
    value,
    error,
    hint,
    required: field.required && !field.when,
  };
  switch (field.type) {
    case 'textarea':
      return <TextArea {...common} maxLength={field.maxLength ?? 2000} />;
    case 'select':
      return (
        <Select
          name={field.name}
          label={
            field.required
              ? `${field.label}${tr('applications.fields.requiredSuffix')}`
              : field.label
          }
          value={value}
          error={error}
          options={[
            { value: '', label: tr('applications.fields.choose') },
            ...(field.options ?? []),
          ]}
        />
      );
    case 'radio':
      return <Choice field={field} value={value} error={error} hint={hint} />;
    case 'checkbox':
      return <Checkbox field={field} value={value} error={error} hint={hint} />;
    case 'date':
      return <Field {...common} type="date" />;
    case 'number':
      return <Field {...common} inputmode="numeric" />;
    case 'phone':
      return (
        <Field {...common} type="tel" inputmode="tel" autocomplete="tel-national" maxLength={20} />
      );
    case 'email':
      return <Field {...common} type="email" autocomplete="email" maxLength={200} />;
    case 'id_number':
      return <Field {...common} maxLength={18} autocomplete="off" />;
    default:
      return <Field {...common} maxLength={field.maxLength ?? 200} />;
  }
}

export function DefinitionFields(props: {
  def: FormDefinition;
  values: FormValues;
  errors: FieldErrors;
}) {
  return (
    <>
      {props.def.fields.map((f) => (
        <FormFieldControl
          key={f.name}
          def={props.def}
          field={f}
          values={props.values}
          errors={props.errors}
        />
      ))}
    </>
  );
}

export interface FileNote {
  material: string;
  name: string;
}

/** One file input per material; files already attached to the draft are listed. */
export function MaterialInputs(props: {
  def: FormDefinition;
  errors: FieldErrors;
  attached: readonly FileNote[];
  accept: string;
}) {
  return (
    <fieldset class="fieldset">
      <legend>{tr('applications.fields.materials')}</legend>
      <p class="hint">{tr('applications.fields.materialsHint')}</p>
      {props.def.materials.map((m) => {
        const id = `f-material-${m.key}`;
        const error = props.errors[`material-${m.key}`];
        const have = props.attached.filter((a) => a.material === m.key);
        const hint = join(
          m.hint,
          conditionText(props.def, m.when),
          have.length
            ? tr('applications.fields.attached', { names: have.map((h) => h.name).join('、') })
            : undefined,
        );
        return (
          <div key={m.key} class={error ? 'field field-error' : 'field'}>
            <label for={id}>
              {m.label}
              {m.required && !m.when && (
                <span class="required">{tr('applications.fields.mustSubmit')}</span>
              )}
            </label>
            <FieldHelp id={id} hint={hint} error={error} />
            <input
              id={id}
              type="file"
              name={`material-${m.key}`}
              accept={props.accept}
              aria-describedby={describedBy(id, hint, error)}
            />
          </div>
        );
      })}
    </fieldset>
  );
}
