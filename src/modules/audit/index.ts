// Audit: an append-only, HMAC-SM3 hash-chained record of who did what, when, from
// where and with what outcome (等保 安全审计, ASVS V16). Other modules call
// recordAudit inside their own transactions; `yimen audit verify` checks the chain.
import type { YimenModule } from '../../platform/module.ts';
import { auditCli } from './cli.ts';
import * as auditLog from './migrations/202611261000_audit_log.ts';
import * as appendOnly from './migrations/202611261001_audit_append_only.ts';
import './tables.ts';

export {
  AUDIT_KEY_PURPOSE,
  type AuditKey,
  auditKey,
  CANONICAL_VERSION,
  canonicalForm,
  GENESIS_HASH,
  hashAuditRow,
} from './chain.ts';
export type { AuditExecutor } from './executor.ts';
export {
  type AuditExportFilters,
  type AuditFilters,
  type AuditPage,
  csvCell,
  exportAuditCsv,
  queryAudit,
} from './query.ts';
export { type AuditEntry, AuditWriteError, recordAudit } from './record.ts';
export type { AuditHeadRow, AuditLogRow, AuditOutcome } from './tables.ts';
export { type AuditVerification, verifyAuditChain } from './verify.ts';

export const auditModule: YimenModule = {
  name: 'audit',
  migrations: {
    '202611261000_audit_log': auditLog,
    '202611261001_audit_append_only': appendOnly,
  },
  cli: auditCli,
};
