import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RunningServer {
  /** http://host:port, no trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on host (default 127.0.0.1) and port (0 or unset picks a free one); close() also cuts open connections. */
export async function listen(server: Server, opts: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
