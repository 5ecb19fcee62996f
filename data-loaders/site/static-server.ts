// A static file server for the built site, on 127.0.0.1, for the browser tests and the benchmark. sirv
// serves only the files that are in the folder when it starts (nothing outside it, however the path is
// spelled) and maps extensionless links to .html, as static hosts do.
import http from "node:http";
import type { AddressInfo } from "node:net";
import sirv from "sirv";

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string): Promise<StaticServer> {
  const server = http.createServer(sirv(root, { extensions: ["html"] }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
