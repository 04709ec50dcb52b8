// The editor's part for sample (样表) and blank (空白表格) forms: the files
// each material has, and one upload form (material, kind, file).
import { Button, Select } from '../../../web/components/form.tsx';
import type { ViewContext } from '../../../web/view.ts';
import { ActionButton, Input, UploadForm } from '../../content/admin/fields.tsx';
import type { ServiceMaterial } from '../tables.ts';

export const FILE_SLOTS = ['sample', 'blank'] as const;
export type FileSlot = (typeof FILE_SLOTS)[number];

export function MaterialFiles({
  view,
  id,
  materials,
  canEdit,
}: {
  view: ViewContext;
  id: string;
  materials: readonly ServiceMaterial[];
  canEdit: boolean;
}) {
  const { t } = view;
  const files = materials.flatMap((m) =>
    FILE_SLOTS.flatMap((slot) => (m[slot] ? [{ material: m, slot, file: m[slot] }] : [])),
  );
  return (
    <section aria-labelledby="material-files">
      <h2 id="material-files">{t('services.admin.files')}</h2>
      {files.length === 0 ? (
        <p>{t('services.admin.files.none')}</p>
      ) : (
        <ul>
          {files.map(({ material, slot, file }) => (
            <li key={`${material.key}-${slot}`}>
              {material.name}（{t(`services.admin.files.${slot}`)}）：{file.name}{' '}
              {canEdit && (
                <ActionButton
                  view={view}
                  action={`/admin/services/${id}/files/remove`}
                  label={t('services.admin.files.remove')}
                  detail={`${material.name} ${file.name}`}
                  hidden={{ material: material.key, slot }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && materials.length > 0 && (
        <UploadForm
          view={view}
          action={`/admin/services/${id}/files`}
          label={t('services.admin.files')}
        >
          <p class="hint">{t('services.admin.files.help')}</p>
          <Select
            name="material"
            label={t('services.admin.files.material')}
            options={materials.map((m) => ({ value: m.key, label: m.name }))}
          />
          <Select
            name="slot"
            label={t('services.admin.files.slot')}
            options={FILE_SLOTS.map((s) => ({ value: s, label: t(`services.admin.files.${s}`) }))}
          />
          <Input name="file" type="file" label={t('services.admin.files.file')} required />
          <Button>{t('services.admin.files.upload')}</Button>
        </UploadForm>
      )}
    </section>
  );
}
