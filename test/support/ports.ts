/** Free TCP ports on 127.0.0.1, for servers a test starts as processes of their own. */
import * as net from 'node:net';

/**
 * Below Linux's ephemeral range (32768–60999): the kernel hands ports of that range to every
 * bind(0) and outgoing connection of every process (a Temporal dev server's internal services,
 * another test's clients), so a port picked there can be taken before our server binds it. This
 * range is only ever taken by a server started on purpose.
 */
const RANGE = { from: 20000, to: 32767 };

/** A port nothing listens on right now, outside the ephemeral range (another test could still pick it, rarely). */
export async function freePort(): Promise<number> {
  const size = RANGE.to - RANGE.from + 1;
  const start = Math.floor(Math.random() * size);
  for (let i = 0; i < 200; i++) {
    const port = RANGE.from + ((start + i * 7919) % size);
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port in ${RANGE.from}–${RANGE.to}`);
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Whether something accepts connections on 127.0.0.1:port. */
export function portOpen(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
