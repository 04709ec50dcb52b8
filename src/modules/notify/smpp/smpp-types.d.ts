// The parts of the untyped `smpp` package (0.5) that Yimen uses.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  export interface PDU {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    // biome-ignore lint/suspicious/noExplicitAny: PDU fields depend on the command
    [field: string]: any;
    response(options?: Record<string, unknown>): PDU;
    isResponse(): boolean;
  }

  export const PDU: new (command: string, options?: Record<string, unknown>) => PDU;

  export class Session extends EventEmitter {
    socket: Socket;
    send(pdu: PDU, onResponse?: (pdu: PDU) => void, onSent?: (pdu: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    // biome-ignore lint/suspicious/noExplicitAny: one shortcut method per SMPP command
    [command: string]: any;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  export function connect(options: Record<string, unknown>, listener?: () => void): Session;
  export function createServer(
    options: Record<string, unknown>,
    listener?: (session: Session) => void,
  ): Server;
  export function createServer(listener?: (session: Session) => void): Server;

  export const ESM_CLASS: Record<string, number>;
  export const errors: Record<string, number>;
}
