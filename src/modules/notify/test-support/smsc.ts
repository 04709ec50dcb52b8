// A real SMSC for tests and the benchmark, built with the `smpp` package's
// server on 127.0.0.1: it checks the bind, answers submit_sm with message
// ids, records every submit (and reassembles concatenated parts from their
// UDH, as a phone would), sends delivery receipts and replies (deliver_sm),
// and can be told to refuse with a status or drop the connection.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { PDU, Server, Session } from 'smpp';

const smpp = createRequire(import.meta.url)('smpp') as typeof import('smpp');

export interface Submit {
  messageId: string;
  destination: string;
  source: string;
  esmClass: number;
  dataCoding: number;
  /** The text of this part, decoded by the smpp package. */
  text: string;
  /** [reference, total, part] when the part carries a concatenation header. */
  concat: [number, number, number] | undefined;
}

export interface SmscOptions {
  systemId?: string;
  password?: string;
  /** Answer each submit_sm after this many milliseconds. */
  responseDelayMs?: number;
  /** Called when a submit_sm arrives, before it is answered. */
  onSubmit?: (submit: Submit, count: number) => void;
}

export interface Smsc {
  port: number;
  /** smpp://system_id:password@127.0.0.1:port */
  url: string;
  /** Accepted submit_sm, in arrival order. */
  submits: Submit[];
  /** Every submit_sm that arrived, refused ones included. */
  received: Submit[];
  binds: number;
  /** Replaceable hook, called for each submit_sm before it is answered. */
  hooks: { onSubmit?: (submit: Submit, count: number) => void };
  /** Answer the next `n` submit_sm with `status` (e.g. 0x58 ESME_RTHROTTLED). */
  refuseNext(status: number, n?: number): void;
  /** Drop the connection right after answering the `n`-th submit_sm from now. */
  dropAfter(n: number): void;
  /** Whole messages as the phone shows them: single parts and joined concatenations. */
  messages(): string[];
  /** How many submit_sm carried text containing `marker`. */
  countContaining(marker: string): number;
  sendReceipt(messageId: string, stat?: string, err?: string): Promise<number>;
  sendReply(from: string, text: string): Promise<number>;
  close(): Promise<void>;
}

function concatOf(pdu: PDU): Submit['concat'] {
  const udh: Buffer[] = pdu.short_message?.udh ?? [];
  for (const ie of udh) {
    if (ie[0] === 0x00 && ie[1] === 3) return [ie[2]!, ie[3]!, ie[4]!];
  }
  return undefined;
}

export async function startSmsc(options: SmscOptions = {}): Promise<Smsc> {
  const systemId = options.systemId ?? 'yimen';
  const password = options.password ?? 'secret12';
  const submits: Submit[] = [];
  const received: Submit[] = [];
  const hooks = { onSubmit: options.onSubmit };
  const refusals: number[] = [];
  let dropIn = 0;
  let counter = 1000;
  let bound: Session | undefined;
  const state = { binds: 0 };

  const server: Server = smpp.createServer((session: Session) => {
    session.on('error', () => {});
    session.on('bind_transceiver', (pdu: PDU) => {
      if (pdu.system_id !== systemId || pdu.password !== password) {
        session.send(pdu.response({ command_status: 0x0d }));
        session.close();
        return;
      }
      state.binds += 1;
      bound = session;
      session.send(pdu.response({ system_id: 'test-smsc' }));
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: PDU) => {
      const refusal = refusals.shift();
      const messageId = refusal ? '' : String(++counter);
      const sm = pdu.short_message;
      const submit: Submit = {
        messageId,
        destination: String(pdu.destination_addr),
        source: String(pdu.source_addr),
        esmClass: Number(pdu.esm_class),
        dataCoding: Number(pdu.data_coding),
        text: typeof sm?.message === 'string' ? sm.message : String(sm ?? ''),
        concat: concatOf(pdu),
      };
      received.push(submit);
      if (!refusal) submits.push(submit);
      hooks.onSubmit?.(submit, submits.length);
      const answer = () => {
        if (!session.socket.writable) return;
        session.send(
          refusal
            ? pdu.response({ command_status: refusal })
            : pdu.response({ message_id: messageId }),
        );
        if (!refusal && dropIn > 0 && --dropIn === 0) session.socket.destroy();
      };
      if (options.responseDelayMs) setTimeout(answer, options.responseDelayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const deliver = (fields: Record<string, unknown>) =>
    new Promise<number>((resolve, reject) => {
      if (!bound?.socket.writable) return reject(new Error('no ESME is bound'));
      bound.deliver_sm(fields, (resp: PDU) => resolve(resp.command_status));
    });

  return {
    port,
    url: `smpp://${systemId}:${password}@127.0.0.1:${port}`,
    submits,
    received,
    hooks,
    get binds() {
      return state.binds;
    },
    refuseNext(status, n = 1) {
      for (let i = 0; i < n; i++) refusals.push(status);
    },
    dropAfter(n) {
      dropIn = n;
    },
    messages() {
      const out: string[] = [];
      const groups = new Map<string, Submit[]>();
      for (const s of submits) {
        if (!s.concat) out.push(s.text);
        else {
          const key = `${s.destination}:${s.concat[0]}:${s.concat[1]}`;
          groups.set(key, [...(groups.get(key) ?? []), s]);
        }
      }
      for (const parts of groups.values()) {
        out.push(
          parts
            .sort((a, b) => a.concat![2] - b.concat![2])
            .map((p) => p.text)
            .join(''),
        );
      }
      return out;
    },
    countContaining: (marker) => submits.filter((s) => s.text.includes(marker)).length,
    sendReceipt(messageId, stat = 'DELIVRD', err = '000') {
      const text = `id:${messageId} sub:001 dlvr:001 submit date:2611261000 done date:2611261001 stat:${stat} err:${err} text:`;
      return deliver({
        source_addr: '13800000000',
        destination_addr: '106900',
        esm_class: 0x04,
        short_message: text,
        receipted_message_id: messageId,
      });
    },
    sendReply(from, text) {
      return deliver({
        source_addr: from,
        destination_addr: '106900',
        esm_class: 0,
        short_message: text,
      });
    },
    async close() {
      for (const s of [...server.sessions]) s.socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
