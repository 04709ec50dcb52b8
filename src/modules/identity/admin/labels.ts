// Names people read for stored codes: role scopes and organisation kinds.
import type { MessageKey, Translate } from '../../../web/i18n/index.ts';
import { type Grant, ROLE_NAMES } from '../permissions.ts';
import type { OrganisationKind } from '../tables.ts';

/** The site scopes a site role can have. Sites are not a module yet, so the list is fixed. */
export const SITE_SCOPES = [
  'site:portal',
  'site:party',
  'site:npc',
  'site:government',
  'site:cppcc',
] as const;

const SITE_NAMES: Record<(typeof SITE_SCOPES)[number], MessageKey> = {
  'site:portal': 'admin.site.portal',
  'site:party': 'admin.site.party',
  'site:npc': 'admin.site.npc',
  'site:government': 'admin.site.government',
  'site:cppcc': 'admin.site.cppcc',
};

export const ORG_KINDS: Record<OrganisationKind, MessageKey> = {
  institution: 'admin.org.kind.institution',
  department: 'admin.org.kind.department',
  unit: 'admin.org.kind.unit',
};

export function siteOptions(t: Translate) {
  return SITE_SCOPES.map((value) => ({ value, label: t(SITE_NAMES[value]) }));
}

/** '全局', '市委网站' or the organisation's name for an 'org:<id>' scope. */
export function scopeLabel(t: Translate, scope: string, orgNames: ReadonlyMap<string, string>) {
  if (scope === 'global') return t('admin.scope.global');
  if (scope in SITE_NAMES) return t(SITE_NAMES[scope as keyof typeof SITE_NAMES]);
  if (scope.startsWith('org:')) return orgNames.get(scope.slice(4)) ?? scope;
  return scope;
}

/** '编辑（市委网站）', '审核员（门户网站，第 2 级）'. */
export function grantLabel(t: Translate, grant: Grant, orgNames: ReadonlyMap<string, string>) {
  const parts = [scopeLabel(t, grant.scope, orgNames)];
  if (grant.level !== null) parts.push(t('admin.roles.levelN', { level: grant.level }));
  return `${ROLE_NAMES[grant.role]}（${parts.join('，')}）`;
}
