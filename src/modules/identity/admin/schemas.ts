// TypeBox schemas of every back-office form and query. Forms are strict
// (additionalProperties: false, every string bounded); the platform's CSRF
// hook removes `_csrf` before validation.
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { ROLES } from '../permissions.ts';

const strict = <T extends Parameters<typeof Type.Object>[0]>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });

const text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength });

const oneOf = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));

export type Body<T extends TSchema> = Static<T>;

export const IdParams = Type.Object({ id: text(64, 1) });
export const NextQuery = Type.Object({ next: Type.Optional(text(500)) });
export const FlashQuery = Type.Object({ ok: Type.Optional(text(32)) });
export const EmptyBody = strict({});

export const LoginBody = strict({ username: text(64, 1), password: text(256, 1) });
export const CodeBody = strict({ code: text(64, 1) });
export const MfaBody = strict({
  code: Type.Optional(text(64)),
  restart: Type.Optional(Type.Literal('1')),
});
export const PasswordBody = strict({
  current: text(256, 1),
  password: text(256, 1),
  confirm: text(256, 1),
});

export const OrgBody = strict({
  code: Type.String({ minLength: 1, maxLength: 50, pattern: '^[a-z0-9][a-z0-9-]*$' }),
  name: text(200, 1),
  shortName: text(50, 1),
  kind: oneOf(['institution', 'department', 'unit'] as const),
  parentId: text(36),
  docPrefix: text(50),
  phone: Type.String({ maxLength: 50, pattern: '^[0-9+() -]*$' }),
  address: text(300),
  email: Type.String({ maxLength: 200, pattern: '^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' }),
  sortOrder: Type.Integer({ minimum: 0, maximum: 9999 }),
});

export const UserCreateBody = strict({
  username: text(32, 1),
  displayName: text(50, 1),
  organisationId: text(36),
});

export const RoleBody = strict({
  op: oneOf(['grant', 'revoke'] as const),
  role: oneOf(ROLES),
  site: Type.Optional(text(40)),
  org: Type.Optional(text(36)),
  level: Type.Optional(oneOf(['', '1', '2', '3'] as const)),
  scope: Type.Optional(text(80)),
});

export const SessionBody = strict({
  id: Type.String({ maxLength: 64, pattern: '^[0-9a-f]{64}$' }),
});

export const AuditQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 10, pattern: '^(\\d{4}-\\d{2}-\\d{2})?$' })),
  to: Type.Optional(Type.String({ maxLength: 10, pattern: '^(\\d{4}-\\d{2}-\\d{2})?$' })),
  actor: Type.Optional(text(64)),
  action: Type.Optional(text(64)),
  outcome: Type.Optional(oneOf(['', 'success', 'failure', 'denied'] as const)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
