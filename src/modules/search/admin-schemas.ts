// Forms of the search back office: strict, every string bounded. The CSRF
// hook removes `_csrf` before validation.
import { Type } from '@sinclair/typebox';

const strict = <T extends Parameters<typeof Type.Object>[0]>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });
const ID = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const AdminQuery = Type.Object(
  { ok: Type.Optional(Type.String({ maxLength: 32 })) },
  { additionalProperties: false },
);
export const SynonymBody = strict({ terms: Type.String({ minLength: 1, maxLength: 300 }) });
export const WordBody = strict({ word: Type.String({ minLength: 1, maxLength: 60 }) });
export const BestBetBody = strict({
  query: Type.String({ minLength: 1, maxLength: 100 }),
  url: Type.String({ minLength: 1, maxLength: 500 }),
  position: Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: '^[1-9]$' })])),
});
export const IdBody = strict({ id: ID });
export const WordRemoveBody = strict({ word: Type.String({ minLength: 1, maxLength: 60 }) });
