// Email through nodemailer's SMTP transport: a small pool of connections,
// STARTTLS whenever the server offers it (smtps:// for TLS from the first
// byte), certificates verified unless the operator allowed a self-signed one
// for an internal relay. Each message has a stable Message-ID made from its
// outbox id, so a resend after a crash carries the same id. A 5xx for the
// recipient or the message is a permanent failure (a bounce); 4xx and
// connection problems are temporary and retried with backoff.
import nodemailer from 'nodemailer';
import type { Logger } from '../../platform/logging.ts';
import { type DeliveryError, permanent, temporary } from './delivery-error.ts';

export interface EmailEnvelope {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | undefined;
  unsubscribeUrl: string | undefined;
}

export interface SmtpOptions {
  /** smtp://user:pass@host:587 or smtps://user:pass@host:465. */
  url: string;
  from: string;
  allowSelfSigned: boolean;
  /** Connections used at once (the email lanes). */
  connections: number;
  logger: Logger;
}

export interface SmtpSender {
  send(mail: EmailEnvelope): Promise<string>;
  close(): Promise<void>;
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message: string;
}

/** Map a nodemailer error to our permanent/temporary split. */
export function classifySmtpError(err: SmtpFailure): DeliveryError {
  const reply = err.responseCode;
  const detail = (err.response ?? err.message).slice(0, 500);
  // Only a refusal of this recipient or this message is a bounce; a 5xx to
  // AUTH or to the greeting is our configuration, and retrying after the
  // operator fixes it is right.
  const aboutMessage = err.code === 'EENVELOPE' || err.code === 'EMESSAGE';
  if (reply !== undefined && reply >= 500 && reply < 600 && aboutMessage) {
    return permanent(detail, String(reply));
  }
  return temporary(detail, reply !== undefined ? String(reply) : err.code);
}

function domainOf(from: string): string {
  return /@([^@\s>]+)>?\s*$/.exec(from)?.[1] ?? 'yimen.local';
}

export function createSmtpSender(options: SmtpOptions): SmtpSender {
  const u = new URL(options.url);
  const secure = u.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: options.connections,
    maxMessages: 500,
    host: u.hostname,
    port: Number(u.port || (secure ? 465 : 587)),
    secure,
    auth: u.username
      ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) }
      : undefined,
    tls: { rejectUnauthorized: !options.allowSelfSigned, minVersion: 'TLSv1.2' },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const domain = domainOf(options.from);
  return {
    async send(mail) {
      const headers: Record<string, string> = {};
      if (mail.unsubscribeUrl) {
        // RFC 2369 and RFC 8058: mail clients show an unsubscribe button
        // and may POST "List-Unsubscribe=One-Click" to the URL.
        headers['List-Unsubscribe'] = `<${mail.unsubscribeUrl}>`;
        headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      }
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${mail.id}@${domain}>`,
          headers,
        });
        return String(info.messageId ?? `<${mail.id}@${domain}>`);
      } catch (err) {
        throw classifySmtpError(err as SmtpFailure);
      }
    },
    async close() {
      transport.close();
    },
  };
}
