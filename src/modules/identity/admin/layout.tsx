// The back-office page frame: the base layout's head and landmarks, a header
// with the signed-in user and a sign-out button, and a navigation that lists
// only the sections the user's grants open (the routes check again).
import type { ComponentChildren } from 'preact';
import { assetUrl } from '../../../web/assets.ts';
import type { MessageKey } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import { can, canSomewhere, type Grant, type Permission } from '../permissions.ts';

export interface Section {
  href: string;
  label: MessageKey;
  hint: MessageKey;
  /** The permission the section's routes need; none for every signed-in staff member. */
  need?: Permission;
  /** `need` held in any scope is enough (a site or organisation role). */
  anyScope?: boolean;
}

export const SECTIONS: readonly Section[] = [
  { href: '/admin', label: 'admin.nav.dashboard', hint: 'admin.hint.dashboard' },
  {
    href: '/admin/organisations',
    label: 'admin.nav.organisations',
    hint: 'admin.hint.organisations',
    need: 'org.manage',
  },
  { href: '/admin/users', label: 'admin.nav.users', hint: 'admin.hint.users', need: 'user.manage' },
  { href: '/admin/roles', label: 'admin.nav.roles', hint: 'admin.hint.roles', need: 'role.grant' },
  {
    href: '/admin/sessions',
    label: 'admin.nav.sessions',
    hint: 'admin.hint.sessions',
    need: 'session.revoke_any',
  },
  { href: '/admin/audit', label: 'admin.nav.audit', hint: 'admin.hint.audit', need: 'audit.read' },
  {
    href: '/admin/outbox',
    label: 'admin.nav.outbox',
    hint: 'admin.hint.outbox',
    need: 'outbox.view',
  },
  { href: '/admin/jobs', label: 'admin.nav.jobs', hint: 'admin.hint.jobs', need: 'jobs.manage' },
  { href: '/admin/account/sessions', label: 'admin.nav.mySessions', hint: 'admin.hint.mySessions' },
  { href: '/admin/password', label: 'admin.nav.password', hint: 'admin.hint.password' },
];

const moduleSections: Section[] = [];

/**
 * Another module's back-office section (content, sites…), added to the
 * navigation and the dashboard. Call at route registration; adding the same
 * href again replaces it. `need` is checked in the global scope or, with
 * `anyScope`, in any scope the user holds it.
 */
export function addAdminSection(section: Section): void {
  const at = moduleSections.findIndex((s) => s.href === section.href);
  if (at >= 0) moduleSections[at] = section;
  else moduleSections.push(section);
}

/** The sections these grants may open: identity's own, then other modules', then my account. */
export function sectionsFor(grants: readonly Grant[]): Section[] {
  const own = SECTIONS.filter(
    (s) => !s.href.startsWith('/admin/account') && s.href !== '/admin/password',
  );
  const mine = SECTIONS.filter((s) => !own.includes(s));
  return [...own, ...moduleSections, ...mine].filter(
    (s) => !s.need || (s.anyScope ? canSomewhere(grants, s.need) : can(grants, s.need)),
  );
}

export interface Me {
  name: string;
  grants: readonly Grant[];
}

export interface AdminLayoutProps {
  view: ViewContext;
  title: string;
  /** The signed-in user; absent on sign-in pages. */
  me?: Me;
  /** Only the sign-out button, no navigation: sign-in steps not yet complete. */
  pending?: boolean;
  flash?: MessageKey;
  children: ComponentChildren;
}

function SignOut({ view }: { view: ViewContext }) {
  return (
    <form class="inline-form" action="/admin/logout" method="post">
      <input type="hidden" name="_csrf" value={view.csrfToken()} />
      <button type="submit" class="button button-secondary button-small">
        {view.t('admin.logout')}
      </button>
    </form>
  );
}

function Nav({ view, me }: { view: ViewContext; me: Me }) {
  return (
    <nav class="admin-nav" aria-label={view.t('admin.nav.label')}>
      <div class="wrap">
        <ul>
          {sectionsFor(me.grants).map((s) => {
            const current =
              view.path === s.href || (s.href !== '/admin' && view.path.startsWith(`${s.href}/`));
            return (
              <li key={s.href}>
                <a href={s.href} aria-current={current ? 'page' : undefined}>
                  {view.t(s.label)}
                </a>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}

export function AdminLayout({ view, title, me, pending, flash, children }: AdminLayoutProps) {
  const { t } = view;
  return (
    <html lang={view.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title} - ${t('admin.brand')}`}</title>
        <link rel="stylesheet" href={assetUrl('site.css')} />
        <link rel="stylesheet" href={assetUrl('admin.css')} />
      </head>
      <body class="admin">
        <a class="skip" href="#main">
          {t('site.skip')}
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href="/admin">
              {t('admin.brand')}
            </a>
            {me && (
              <div class="admin-user">
                <span>{t('admin.signedInAs', { name: me.name })}</span>
                <SignOut view={view} />
              </div>
            )}
            {!me && pending && <SignOut view={view} />}
          </div>
        </header>
        {me && <Nav view={view} me={me} />}
        <main id="main" class="wrap" tabIndex={-1}>
          {flash && (
            <p class="flash" role="status">
              {t(flash)}
            </p>
          )}
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">{t('admin.footer')}</div>
        </footer>
      </body>
    </html>
  );
}
