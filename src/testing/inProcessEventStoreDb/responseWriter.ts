import type { ServerErrorResponse, ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from './generated.js';

export interface ResponseWriter {
  /** False once the client cancelled, the server stopped, or the call ended. */
  readonly open: () => boolean;
  /** Resolves when the call closes. */
  readonly closed: Promise<void>;
  /** Writes a response (or its serialized bytes); returns a promise only when the client is slow and the write must wait. */
  readonly send: (resp: ReadResp | Buffer) => Promise<void> | undefined;
  readonly end: () => void;
  readonly fail: (error: ServerErrorResponse) => void;
}

/** Wraps a server-streaming call with flow control and one notion of "still open". */
export const responseWriter = (call: ServerWritableStream<ReadReq, ReadResp | Buffer>, onClose: () => void): ResponseWriter => {
  let open = true;
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  const close = (): void => {
    if (!open) return;
    open = false;
    markClosed();
    onClose();
  };
  call.on('cancelled', close);
  call.on('close', close);
  call.on('error', close);

  return {
    open: () => open && !call.cancelled,
    closed,
    send: (resp) => {
      if (!open || call.cancelled) return undefined;
      if (call.write(resp)) return undefined;
      return new Promise<void>((resolve) => {
        const done = (): void => {
          call.off('drain', done);
          resolve();
        };
        call.on('drain', done);
        void closed.then(done);
      });
    },
    end: () => {
      if (!open) return;
      close();
      call.end();
    },
    fail: (error) => {
      if (!open) return;
      close();
      call.emit('error', error);
    },
  };
};
