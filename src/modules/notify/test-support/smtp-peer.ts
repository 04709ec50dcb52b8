// A real SMTP server for tests and the benchmark (the `smtp-server` package on
// 127.0.0.1), with mailparser reading what arrives. It offers STARTTLS with
// smtp-server's built-in self-signed certificate, requires AUTH (only after
// TLS, as a real relay would), and can refuse chosen recipients with a reply
// code, once or always.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  parsed: ParsedMail;
  raw: string;
  to: string[];
  /** The session was upgraded to TLS before the mail was sent. */
  secure: boolean;
}

export interface SmtpPeer {
  port: number;
  /** smtp://user:pass@127.0.0.1:port */
  url: string;
  received: ReceivedMail[];
  /** Mails answered 250 after DATA (counted before they are parsed). */
  accepted: number;
  /** RCPT TO attempts seen per address. */
  rcptAttempts: Map<string, number>;
  /** Refuse `address` with `code` (451, 550…), `times` times (Infinity for always). */
  refuse(address: string, code: number, times?: number): void;
  /** Resolves once `n` mails have arrived. */
  waitFor(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpPeer(
  options: {
    user?: string;
    pass?: string /** Parse each mail (off for the benchmark). */;
    parse?: boolean;
  } = {},
): Promise<SmtpPeer> {
  const state = { accepted: 0 };
  const user = options.user ?? 'mailer';
  const pass = options.pass ?? 'mail-pass';
  const received: ReceivedMail[] = [];
  const rcptAttempts = new Map<string, number>();
  const refusals = new Map<string, { code: number; left: number }>();
  const waiters: { n: number; resolve: () => void }[] = [];
  const settle = () => {
    for (const w of [...waiters]) {
      if (received.length >= w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };

  const server = new SMTPServer({
    logger: false,
    disableReverseLookup: true,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) return callback(null, { user });
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      rcptAttempts.set(to, (rcptAttempts.get(to) ?? 0) + 1);
      const refusal = refusals.get(to);
      if (refusal && refusal.left > 0) {
        refusal.left -= 1;
        const text = refusal.code >= 500 ? 'Mailbox unavailable' : 'Try again later';
        return callback(Object.assign(new Error(text), { responseCode: refusal.code }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        // Accept first, as a relay does; parsing must not slow the conversation.
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const secure = session.secure;
        state.accepted += 1;
        callback();
        if (options.parse === false) return;
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({ parsed: await simpleParser(raw), raw, to, secure });
        settle();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://${user}:${pass}@127.0.0.1:${port}`,
    received,
    get accepted() {
      return state.accepted;
    },
    rcptAttempts,
    refuse(address, code, times = 1) {
      refusals.set(address.toLowerCase(), { code, left: times });
    },
    waitFor(n) {
      return new Promise((resolve) => {
        waiters.push({ n, resolve });
        settle();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
