// The provider behind each channel, one set per process (per AppContext):
// the SMPP bind when YIMEN_SMPP_URL is set, the SMTP pool when YIMEN_SMTP_URL
// is set, otherwise the development sink, which keeps messages in the outbox
// as 'held' and sends nothing. Opened on first use, closed by the module's
// stop hook on graceful shutdown.
import type { AppContext } from '../../platform/module.ts';
import { handleInbound } from './inbound.ts';
import { SmppClient } from './smpp/client.ts';
import { encodeSms, referenceFor } from './smpp/encoding.ts';
import { createSmtpSender, type SmtpSender } from './smtp.ts';
import type { Channel } from './tables.ts';

export interface Envelope {
  id: string;
  to: string;
  text: string;
  subject?: string;
  html?: string;
  unsubscribeUrl?: string;
  /** SMS parts the SMSC already accepted on an earlier attempt: part → provider id. */
  accepted: ReadonlyMap<number, string>;
  /** Record an accepted part of a multi-part SMS before the next is sent. */
  onPart(part: number, providerId: string): Promise<void>;
}

export interface SendResult {
  providerId: string;
  /** Every provider id of the message (one per SMS part). */
  refs: { part: number; providerId: string }[];
}

export interface Transport {
  channel: Channel;
  /** The development sink: nothing leaves the machine. */
  sink: boolean;
  /** Messages handed over at once; each lane sends one at a time. */
  lanes: number;
  send(msg: Envelope): Promise<SendResult>;
  /** Open the connection if the provider keeps one (SMPP: receipts and replies arrive on it). */
  keepAlive(): void;
  close(): Promise<void>;
}

const SINK = (channel: Channel): Transport => ({
  channel,
  sink: true,
  lanes: 1,
  send: () => Promise.reject(new Error('the development sink does not send')),
  keepAlive() {},
  async close() {},
});

export const EMAIL_LANES = 4;

function smsTransport(ctx: AppContext): Transport {
  const cfg = ctx.config.notify;
  const logger = ctx.logger.child({ component: 'smpp' });
  const client = new SmppClient({
    url: cfg.smppUrl!,
    source: cfg.smppSource,
    throughput: cfg.smppThroughput,
    logger,
    onInbound: (msg) => handleInbound(ctx, msg),
  });
  return {
    channel: 'sms',
    sink: false,
    // One submit in flight per node: a crash can then duplicate at most the
    // one message between submit_sm and the write of its response.
    lanes: 1,
    async send(msg) {
      const parts = encodeSms(msg.text, referenceFor(msg.id));
      const refs: SendResult['refs'] = [];
      for (const part of parts) {
        let providerId = msg.accepted.get(part.part);
        if (providerId === undefined) {
          providerId = await client.submit(msg.to, part);
          if (parts.length > 1 && part.part < parts.length) await msg.onPart(part.part, providerId);
        }
        refs.push({ part: part.part, providerId });
      }
      return { providerId: refs[0]!.providerId, refs };
    },
    keepAlive() {
      client.ensureBound().catch((err) => logger.warn({ err }, 'SMPP bind failed; will retry'));
    },
    close: () => client.close(),
  };
}

function emailTransport(ctx: AppContext): Transport {
  const cfg = ctx.config.notify;
  const sender: SmtpSender = createSmtpSender({
    url: cfg.smtpUrl!,
    from: cfg.smtpFrom,
    allowSelfSigned: cfg.smtpAllowSelfSigned,
    connections: EMAIL_LANES,
    logger: ctx.logger.child({ component: 'smtp' }),
  });
  return {
    channel: 'email',
    sink: false,
    lanes: EMAIL_LANES,
    async send(msg) {
      const providerId = await sender.send({
        id: msg.id,
        to: msg.to,
        subject: msg.subject ?? '',
        text: msg.text,
        html: msg.html,
        unsubscribeUrl: msg.unsubscribeUrl,
      });
      return { providerId, refs: [{ part: 1, providerId }] };
    },
    keepAlive() {},
    close: () => sender.close(),
  };
}

const registry = new WeakMap<AppContext, Map<Channel, Transport>>();

export function transportFor(ctx: AppContext, channel: Channel): Transport {
  let byChannel = registry.get(ctx);
  if (!byChannel) {
    byChannel = new Map();
    registry.set(ctx, byChannel);
  }
  let transport = byChannel.get(channel);
  if (!transport) {
    const cfg = ctx.config.notify;
    if (channel === 'sms') transport = cfg.smppUrl ? smsTransport(ctx) : SINK('sms');
    else transport = cfg.smtpUrl ? emailTransport(ctx) : SINK('email');
    byChannel.set(channel, transport);
  }
  return transport;
}

/** Close this process's gateway connections (graceful shutdown, end of a test). */
export async function closeTransports(ctx: AppContext): Promise<void> {
  const byChannel = registry.get(ctx);
  registry.delete(ctx);
  if (!byChannel) return;
  await Promise.allSettled([...byChannel.values()].map((t) => t.close()));
}
