import { Layout } from '../../web/layout.tsx';
import type { ViewContext } from '../../web/view.ts';
import type { OrganisationNode } from '../identity/organisations.ts';

export function HomePage({ view, tree }: { view: ViewContext; tree: OrganisationNode[] }) {
  const { t } = view;
  return (
    <Layout view={view} title={t('home.title')}>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <h2>{t('home.institutions')}</h2>
      {tree.length === 0 ? (
        <p>{t('home.empty')}</p>
      ) : (
        <ul class="cards">
          {tree.map((inst) => (
            <li key={inst.id}>
              <h3>{inst.name}</h3>
              {inst.children.length > 0 && (
                <details>
                  <summary>
                    {t('home.departments')}（{inst.children.length}）
                  </summary>
                  <ul>
                    {inst.children.map((d) => (
                      <li key={d.id}>{d.name}</li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
