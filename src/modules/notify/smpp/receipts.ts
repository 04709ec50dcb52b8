// Delivery receipts arrive as deliver_sm with esm_class "MC delivery receipt".
// Their text follows the SMPP 3.4 appendix B format,
//   id:IIII sub:001 dlvr:001 submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DELIVRD err:000 text:…
// and SMPP 3.4 adds the receipted_message_id and message_state TLVs, which
// win when present (some SMSCs print the id in decimal in the text and in hex
// in the TLV; the TLV is the one that matches the submit_sm_resp).

const STATES: Record<number, string> = {
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
};

/** Receipt states that mean the message will not arrive. */
export const FAILED_STATES = new Set(['EXPIRED', 'DELETED', 'UNDELIV', 'REJECTD', 'UNKNOWN']);

export interface ParsedReceipt {
  providerId: string;
  state: string;
  errorCode: string | undefined;
  /** When the SMSC says delivery finished (its clock, read as Beijing time). */
  doneAt: Date | undefined;
}

/** esm_class bits 2–5 hold the message type; 0x04 is an SMSC delivery receipt. */
export function isDeliveryReceipt(esmClass: number): boolean {
  const type = esmClass & 0x3c;
  return type === 0x04 || type === 0x08 || type === 0x10 || type === 0x20;
}

function doneDate(raw: string | undefined): Date | undefined {
  const m = raw && /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?$/.exec(raw);
  if (!m) return undefined;
  const [, yy, mo, dd, hh, mi, ss] = m;
  // The SMSC's local time; Chinese carriers run on Beijing time (UTC+8).
  const ms = Date.UTC(
    2000 + Number(yy),
    Number(mo) - 1,
    Number(dd),
    Number(hh) - 8,
    Number(mi),
    Number(ss ?? 0),
  );
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

export function parseReceipt(
  text: string,
  tlv: { receiptedMessageId?: string; messageState?: number } = {},
): ParsedReceipt | undefined {
  const field = (name: string) => new RegExp(`${name}:(\\S*)`, 'i').exec(text)?.[1];
  const providerId = tlv.receiptedMessageId || field('id');
  const state =
    (tlv.messageState !== undefined ? STATES[tlv.messageState] : undefined) ??
    field('stat')?.toUpperCase();
  if (!providerId || !state) return undefined;
  return {
    providerId,
    state: state.slice(0, 20),
    errorCode: field('err')?.slice(0, 20),
    doneAt: doneDate(field('done date') ?? /done date:(\d+)/i.exec(text)?.[1]),
  };
}

export type Inbound =
  | { kind: 'receipt'; receipt: ParsedReceipt }
  | { kind: 'text'; from: string; to: string; text: string };

/** The fields of a deliver_sm the smpp package decoded (short_message or message_payload). */
export interface DeliverSm {
  esm_class?: number;
  source_addr?: string;
  destination_addr?: string;
  receipted_message_id?: string;
  message_state?: number;
  short_message?: unknown;
  message_payload?: unknown;
}

function textOf(pdu: DeliverSm): string {
  const sm = pdu.message_payload ?? pdu.short_message;
  if (!sm) return '';
  if (typeof sm === 'string') return sm;
  if (Buffer.isBuffer(sm)) return sm.toString('latin1');
  const m = (sm as { message?: unknown }).message;
  return typeof m === 'string' ? m : Buffer.isBuffer(m) ? m.toString('latin1') : '';
}

/** A receipt, a reply, or undefined for a receipt without an id or a state. */
export function inboundOf(pdu: DeliverSm): Inbound | undefined {
  const text = textOf(pdu);
  if (!isDeliveryReceipt(Number(pdu.esm_class ?? 0))) {
    return { kind: 'text', from: String(pdu.source_addr), to: String(pdu.destination_addr), text };
  }
  const receipt = parseReceipt(text, {
    receiptedMessageId: pdu.receipted_message_id,
    messageState: pdu.message_state,
  });
  return receipt ? { kind: 'receipt', receipt } : undefined;
}
