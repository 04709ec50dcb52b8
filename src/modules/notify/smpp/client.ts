// An SMPP 3.4 client (ESME) on the `smpp` package: one bind_transceiver
// connection per node, opened on first use and kept open with enquire_link;
// if it drops it is reopened with exponential backoff so that delivery
// receipts and replies (TD) keep arriving. Submits are paced to the
// configured throughput; a throttled answer (ESME_RTHROTTLED) also pauses the
// pace for a second. A submit whose response never came (the connection
// dropped, or it timed out) has an unknown outcome and is reported as a
// temporary failure: the message is retried, which is the one duplicate the
// SMSC may see (docs/NOTIFICATIONS.md).
import { createRequire } from 'node:module';
import type { PDU, Session } from 'smpp';
import type { Logger } from '../../../platform/logging.ts';
import { type DeliveryError, permanent, temporary } from '../delivery-error.ts';
import { DATA_CODING_UCS2, type SmsPart } from './encoding.ts';
import { type DeliverSm, type Inbound, inboundOf } from './receipts.ts';

export type { Inbound } from './receipts.ts';

const smpp = createRequire(import.meta.url)('smpp') as typeof import('smpp');

export interface SmppClientOptions {
  /** smpp://system_id:password@host:port, ssmpp:// for TLS. */
  url: string;
  source: string;
  /** submit_sm PDUs per second at most. */
  throughput: number;
  logger: Logger;
  /** Store a receipt or a reply; the deliver_sm is acknowledged only after it resolves. */
  onInbound: (msg: Inbound) => Promise<void>;
  enquireLinkMs?: number;
  responseTimeoutMs?: number;
  connectTimeoutMs?: number;
}

// Refused for good: a bad number, a bad length, a message the SMSC rejects.
const PERMANENT_STATUS = new Set([0x01, 0x0a, 0x0b, 0x33, 0x63, 0x66]);
const THROTTLED = 0x58;
const hex = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;

export class SmppClient {
  private session: Session | undefined;
  private ready: Promise<Session> | undefined;
  private closed = false;
  private wanted = false;
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private nextSlotAt = 0;
  private readonly pending = new Map<number, (err: DeliveryError) => void>();

  constructor(private readonly options: SmppClientOptions) {}

  /** Open the bind now (if it is not open) and keep it open from then on. */
  ensureBound(): Promise<Session> {
    if (this.closed) return Promise.reject(temporary('the SMS gateway connection is closed'));
    this.wanted = true;
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
    }
    return this.connect();
  }

  /** Submit one part; resolves with the SMSC's message id. */
  async submit(to: string, part: SmsPart): Promise<string> {
    const session = await this.ensureBound();
    await this.takeSlot();
    if (this.session !== session) throw temporary('the SMSC connection dropped; not submitted');
    return new Promise<string>((resolve, reject) => {
      const pdu = new smpp.PDU('submit_sm', {
        source_addr_ton: 0,
        source_addr_npi: 1,
        source_addr: this.options.source,
        dest_addr_ton: 0,
        dest_addr_npi: 1,
        destination_addr: to,
        esm_class: part.esmClass,
        data_coding: DATA_CODING_UCS2,
        registered_delivery: 1,
        short_message: part.shortMessage,
      });
      let timer: NodeJS.Timeout | undefined;
      const done = (err: DeliveryError | undefined, id?: string) => {
        clearTimeout(timer);
        this.pending.delete(pdu.sequence_number);
        if (err) reject(err);
        else resolve(id!);
      };
      const sent = session.send(pdu, (resp: PDU) => {
        if (resp.command_status === 0) return done(undefined, String(resp.message_id));
        done(this.refusal(resp.command_status));
      });
      if (!sent) return reject(temporary('not connected to the SMSC; not submitted'));
      this.pending.set(pdu.sequence_number, (err) => done(err));
      timer = setTimeout(
        () => done(temporary('no submit_sm_resp in time: outcome unknown')),
        this.options.responseTimeoutMs ?? 10_000,
      );
    });
  }

  /** Unbind politely, then close; pending submits fail as temporary. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const session = this.session;
    if (!session) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => session.destroy(() => resolve()), 2000);
      const sent = session.unbind(() => {
        clearTimeout(timer);
        session.close(() => resolve());
      });
      if (!sent) {
        clearTimeout(timer);
        session.destroy(() => resolve());
      }
    });
  }

  private refusal(status: number): DeliveryError {
    if (status === THROTTLED) this.nextSlotAt = Math.max(this.nextSlotAt, Date.now() + 1000);
    const message = `SMSC refused submit_sm with status ${hex(status)}`;
    return PERMANENT_STATUS.has(status)
      ? permanent(message, hex(status))
      : temporary(message, hex(status));
  }

  /** Pace submits to the configured throughput across all callers. */
  private async takeSlot(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = at + 1000 / this.options.throughput;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }

  private connect(): Promise<Session> {
    if (this.ready) return this.ready;
    const u = new URL(this.options.url);
    const tls = u.protocol === 'ssmpp:';
    const log = this.options.logger;
    const ready = new Promise<Session>((resolve, reject) => {
      let settled = false;
      const fail = (err: DeliveryError) => {
        if (settled) return;
        settled = true;
        reject(err);
      };
      const session = smpp.connect({
        host: u.hostname,
        port: Number(u.port || (tls ? 3550 : 2775)),
        tls,
        auto_enquire_link_period: this.options.enquireLinkMs ?? 30_000,
      });
      const timer = setTimeout(() => {
        fail(temporary('the SMSC did not answer in time'));
        session.destroy();
      }, this.options.connectTimeoutMs ?? 10_000);
      session.on(tls ? 'secureConnect' : 'connect', () => {
        const bind = {
          system_id: decodeURIComponent(u.username),
          password: decodeURIComponent(u.password),
          interface_version: 0x34,
        };
        session.bind_transceiver(bind, (pdu: PDU) => {
          clearTimeout(timer);
          if (pdu.command_status !== 0) {
            fail(temporary(`the SMSC refused the bind (status ${hex(pdu.command_status)})`));
            session.destroy();
            return;
          }
          settled = true;
          this.failures = 0;
          this.session = session;
          log.info({ smsc: `${u.hostname}:${u.port}` }, 'SMPP bound as transceiver');
          resolve(session);
        });
      });
      session.on('error', (err: NodeJS.ErrnoException) => {
        log.warn({ code: err.code, message: err.message }, 'SMPP connection error');
        fail(temporary(`cannot reach the SMSC (${err.code ?? err.message})`));
      });
      session.on('close', () => {
        clearTimeout(timer);
        fail(temporary('the SMSC closed the connection'));
        this.closedSession(session, ready);
      });
      session.on('deliver_sm', (pdu: PDU) => this.deliver(session, pdu));
      session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: PDU) => {
        session.send(pdu.response());
        session.close();
      });
    });
    ready.catch(() => {});
    this.ready = ready;
    return ready;
  }

  private closedSession(session: Session, ready: Promise<Session>): void {
    if (this.session === session) this.session = undefined;
    if (this.ready === ready) this.ready = undefined;
    for (const [, reject] of this.pending) {
      reject(temporary('the SMSC connection dropped before it answered: outcome unknown'));
    }
    this.pending.clear();
    if (this.closed || !this.wanted || this.reconnectTimer) return;
    const delay = Math.min(60_000, 1000 * 2 ** this.failures) * (0.8 + 0.4 * Math.random());
    this.failures += 1;
    this.options.logger.info({ delayMs: Math.round(delay) }, 'SMPP reconnecting');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.closed) this.connect().catch(() => {});
    }, delay);
    this.reconnectTimer.unref();
  }

  private deliver(session: Session, pdu: PDU): void {
    const inbound = inboundOf(pdu as DeliverSm);
    if (!inbound) {
      this.options.logger.warn('SMPP delivery receipt without an id or state: ignored');
      session.send(pdu.response());
      return;
    }
    // Acknowledge only once stored: on a failure the SMSC delivers it again.
    this.options.onInbound(inbound).then(
      () => session.send(pdu.response()),
      (err: unknown) => {
        this.options.logger.error({ err }, 'could not store an inbound SMS or receipt');
        session.send(pdu.response({ command_status: 0x64 }));
      },
    );
  }
}
