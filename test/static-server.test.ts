// The static server of the browser tests and the benchmark serves the built folder and nothing else.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic, type StaticServer } from "../data-loaders/site/static-server.ts";
import { tempDir } from "./helpers.ts";

let server: StaticServer;
let root: string;

/** GET with the path sent exactly as written (no normalisation by a client library). */
function get(rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(`${server.url}${rawPath}`, { path: rawPath }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk)).on("end", () => resolve({ status: res.statusCode!, body }));
    }).on("error", reject);
  });
}

beforeAll(async () => {
  const parent = tempDir();
  root = path.join(parent, "dist");
  fs.mkdirSync(path.join(root, "products"), { recursive: true });
  fs.writeFileSync(path.join(root, "index.html"), "home");
  fs.writeFileSync(path.join(root, "products.html"), "products");
  // a sibling folder whose name starts like the root's
  fs.mkdirSync(path.join(parent, "dist-x"));
  fs.writeFileSync(path.join(parent, "dist-x", "secret.txt"), "secret");
  server = await serveStatic(root);
});

afterAll(() => server.close());

describe("the static server", () => {
  it("serves the folder's files, and extensionless links as .html", async () => {
    expect(await get("/")).toEqual({ status: 200, body: "home" });
    expect(await get("/products")).toEqual({ status: 200, body: "products" });
    expect(await get("/products.html")).toEqual({ status: 200, body: "products" });
  });

  it("serves nothing outside the folder, however the path is spelled", async () => {
    for (const attempt of ["/../dist-x/secret.txt", "/..%2fdist-x/secret.txt", "/%2e%2e/dist-x/secret.txt", "/products/../../dist-x/secret.txt"]) {
      const { status, body } = await get(attempt);
      expect(body, attempt).not.toBe("secret");
      expect(status, attempt).toBe(404);
    }
  });

  it("answers a malformed escape with 404 and keeps serving", async () => {
    expect((await get("/%E0%A4%A")).status).toBe(404);
    expect((await get("/%")).status).toBe(404);
    expect(await get("/")).toEqual({ status: 200, body: "home" });
  });
});
