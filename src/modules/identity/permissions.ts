// Roles and permissions: one table, deny by default. A grant gives a role in a
// scope — 'global', a site ('site:gov') or an organisation ('org:<id>') — and a
// permission check names the scope it needs. The three administrators of
// 三员分立 (system, security, audit) are mutually exclusive.

export const ROLES = [
  'system_admin',
  'security_admin',
  'audit_admin',
  'site_admin',
  'editor',
  'reviewer',
  'handler',
  'clerk',
  'leader',
  'letter_clerk',
  'service_editor',
  'service_reviewer',
  'supervisor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  site_admin: '站点管理员',
  editor: '编辑',
  reviewer: '审核员',
  handler: '办理员',
  clerk: '收发员',
  leader: '签发领导',
  letter_clerk: '来信分办员',
  service_editor: '办事指南编辑',
  service_reviewer: '办事指南审核员',
  supervisor: '办件督办员',
};

export const PERMISSIONS = [
  'org.manage',
  'user.manage',
  'site.manage',
  'config.manage',
  'jobs.manage',
  'calendar.manage',
  'outbox.view',
  'role.grant',
  'session.revoke_any',
  'user.unlock',
  'pii.view',
  'audit.read',
  'audit.export',
  'channel.manage',
  'content.edit',
  'content.submit',
  'content.review',
  'content.publish',
  'interaction.manage',
  'search.manage',
  'case.handle',
  'document.exchange',
  'document.sign',
  'letter.triage',
  'letter.review',
  'service.manage',
  'service.review',
  'case.supervise',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The one table of role → permissions. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: [
    'org.manage',
    'user.manage',
    'site.manage',
    'config.manage',
    'jobs.manage',
    'calendar.manage',
    'outbox.view',
  ],
  security_admin: ['role.grant', 'session.revoke_any', 'user.unlock'],
  audit_admin: ['audit.read', 'audit.export'],
  site_admin: [
    'channel.manage',
    'content.edit',
    'content.submit',
    'content.publish',
    'interaction.manage',
    'search.manage',
  ],
  editor: ['content.edit', 'content.submit', 'interaction.manage'],
  reviewer: ['content.review'],
  handler: ['case.handle', 'pii.view'],
  clerk: ['document.exchange'],
  leader: ['document.sign', 'case.handle', 'letter.review'],
  // The general office's letter desk: assigns, merges, rejects, approves extensions, supervises.
  letter_clerk: ['letter.triage'],
  service_editor: ['service.manage'],
  service_reviewer: ['service.review'],
  // Sees the overdue cases of the departments in scope (and of their sub-units).
  supervisor: ['case.supervise'],
};

/** Roles whose scope is the whole deployment; the others need a site or an organisation. */
export const GLOBAL_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];
export const SITE_ROLES: readonly Role[] = ['site_admin', 'editor', 'reviewer'];
export const ORG_ROLES: readonly Role[] = [
  'letter_clerk',
  'handler',
  'clerk',
  'leader',
  'service_editor',
  'service_reviewer',
  'supervisor',
];
/** Roles granted with a review level (初审 1, 复审 2, 终审 3). */
export const LEVELLED_ROLES: readonly Role[] = ['reviewer', 'service_reviewer'];

/** 三员分立: one person holds at most one of these. */
export const SEPARATED_ROLES: readonly Role[] = GLOBAL_ROLES;

export interface Grant {
  role: Role;
  scope: string;
  level: number | null;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function scopeKindFor(role: Role): 'global' | 'site' | 'org' {
  if (GLOBAL_ROLES.includes(role)) return 'global';
  return SITE_ROLES.includes(role) ? 'site' : 'org';
}

/**
 * Does any grant give `permission` in `scope`? A global grant covers every
 * scope; a site or organisation grant covers only its own. `minLevel` asks for
 * a reviewer of at least that level (初审 1, 复审 2, 终审 3).
 */
export function can(
  grants: readonly Grant[],
  permission: Permission,
  scope = 'global',
  minLevel?: number,
): boolean {
  return grants.some(
    (g) =>
      ROLE_PERMISSIONS[g.role].includes(permission) &&
      (g.scope === 'global' || g.scope === scope) &&
      (minLevel === undefined || (g.level ?? 0) >= minLevel),
  );
}

/**
 * Does any grant give `permission` in some scope? For routes whose object has no
 * scope of its own yet; the handler must narrow to the object where it can.
 */
export function canSomewhere(grants: readonly Grant[], permission: Permission): boolean {
  return grants.some((g) => ROLE_PERMISSIONS[g.role].includes(permission));
}

/**
 * The scopes of one kind ('site' or 'org') where these grants hold
 * `permission`, as codes or ids without the prefix; 'all' for a global grant.
 */
export function scopesWith(
  grants: readonly Grant[],
  permission: Permission,
  kind: 'site' | 'org',
): string[] | 'all' {
  const found = new Set<string>();
  const prefix = `${kind}:`;
  for (const g of grants) {
    if (!ROLE_PERMISSIONS[g.role].includes(permission)) continue;
    if (g.scope === 'global') return 'all';
    if (g.scope.startsWith(prefix)) found.add(g.scope.slice(prefix.length));
  }
  return [...found];
}

export interface GrantCheck {
  granter: { id: string; grants: readonly Grant[] };
  grantee: { id: string; grants: readonly Grant[] };
  role: Role;
  scope: string;
}

/** Why a grant may not be made (in Chinese), or undefined when it may. */
export function grantRefusal({ granter, grantee, role, scope }: GrantCheck): string | undefined {
  if (!can(granter.grants, 'role.grant')) return '只有安全管理员可以分配角色';
  if (granter.id === grantee.id) return '不能给自己分配角色';
  const kind = scopeKindFor(role);
  if (kind === 'global' && scope !== 'global') return `${ROLE_NAMES[role]}的范围必须是全局`;
  if (kind === 'site' && !scope.startsWith('site:')) return `${ROLE_NAMES[role]}必须指定站点`;
  if (kind === 'org' && !scope.startsWith('org:')) return `${ROLE_NAMES[role]}必须指定机构`;
  if (SEPARATED_ROLES.includes(role)) {
    const other = grantee.grants.find((g) => SEPARATED_ROLES.includes(g.role) && g.role !== role);
    if (other)
      return `三员分立：该用户已是${ROLE_NAMES[other.role]}，不能再担任${ROLE_NAMES[role]}`;
  }
  return undefined;
}
