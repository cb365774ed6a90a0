/**
 * httpFetch (node:http under deferbot's Octokit) keeps what fetch does where deferbot or
 * @octokit/request can see it: headers, the body as a web stream, redirects, aborts, network
 * errors, compressed answers. And createGiteaOctokit sends through it, not the global fetch.
 */
import { spawn } from "node:child_process";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { createGiteaOctokit } from "../../src/gitea/create-octokit.js";
import { type HttpAnswer, httpFetch } from "../../src/gitea/http-fetch.js";
import { getAuthenticatedUser } from "../../src/gitea/users.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { quietLog } from "./helpers.js";

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const servers: http.Server[] = [];
const tcpServers: net.Server[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const server of tcpServers.splice(0)) server.close();
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

/** A loopback server answering with `answer`; `seen` fills with the requests it got. */
async function serve(
  answer: (req: Seen, res: http.ServerResponse) => void,
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const request = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      seen.push(request);
      answer(request, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe("httpFetch", () => {
  it("sends method, headers and body; answers with lower-case headers and a web stream body", async () => {
    const { url, seen } = await serve((_req, res) => {
      res.writeHead(201, { "Content-Type": "application/json", "X-Total-Count": "3" });
      res.end('{"ok":true}');
    });
    const answer = await httpFetch(`${url}/api/v1/x`, {
      method: "POST",
      headers: { authorization: "token t", "content-type": "application/json" },
      body: '{"a":1}',
    });
    expect(seen[0]).toMatchObject({ method: "POST", url: "/api/v1/x", body: '{"a":1}' });
    expect(seen[0]?.headers.authorization).toBe("token t");
    expect(answer.status).toBe(201);
    expect(answer.headers.get("X-Total-Count")).toBe("3");
    expect(Object.fromEntries(answer.headers)).toMatchObject({
      "content-type": "application/json",
      "x-total-count": "3",
    });
    expect(answer.body).toBeInstanceOf(ReadableStream);
    expect(await new Response(answer.body).json()).toEqual({ ok: true });
  });

  it("a DELETE's body arrives whole, with its length, as fetch sends it (Gitea's DELETE …/dependencies)", async () => {
    const { url, seen } = await serve((_req, res) => res.writeHead(201).end());
    const body = JSON.stringify({ owner: "acme", repo: "wïdgets", index: 2 });
    const answer = await httpFetch(`${url}/dependencies`, {
      method: "DELETE",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(answer.status).toBe(201);
    expect(seen[0]?.body).toBe(body);
    expect(seen[0]?.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
  });

  it("reads text and bytes, and a 204 has no body", async () => {
    const { url } = await serve((req, res) => {
      if (req.url === "/empty") {
        res.writeHead(204);
        res.end();
      } else res.end("héllo");
    });
    expect(await (await httpFetch(`${url}/t`)).text()).toBe("héllo");
    expect(new Uint8Array(await (await httpFetch(`${url}/t`)).arrayBuffer())).toEqual(
      new Uint8Array(Buffer.from("héllo")),
    );
    const empty = await httpFetch(`${url}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it("decodes a gzip answer", async () => {
    const { url, seen } = await serve((_req, res) => {
      res.writeHead(200, { "Content-Encoding": "gzip", "Content-Type": "application/json" });
      res.end(gzipSync('{"zipped":true}'));
    });
    expect(await (await httpFetch(url)).json()).toEqual({ zipped: true });
    expect(seen[0]?.headers["accept-encoding"]).toContain("gzip");
  });

  it("follows redirects: a 303 after a POST becomes a GET without body", async () => {
    const { url, seen } = await serve((req, res) => {
      if (req.url === "/old") {
        res.writeHead(303, { Location: "/new" });
        res.end();
      } else res.end(`${req.method} ${req.url}`);
    });
    const answer = await httpFetch(`${url}/old`, {
      method: "POST",
      headers: { authorization: "token t", "content-type": "text/plain" },
      body: "x",
    });
    expect(await answer.text()).toBe("GET /new");
    expect(answer.url).toBe(`${url}/new`);
    expect(seen[1]).toMatchObject({ method: "GET", body: "" });
    expect(seen[1]?.headers.authorization).toBe("token t");
    expect(seen[1]?.headers["content-type"]).toBeUndefined();
  });

  it("keeps the method on a 307 and drops Authorization on a redirect to another origin", async () => {
    const other = await serve((req, res) => res.end(`${req.method} ${req.body}`));
    const { url } = await serve((_req, res) => {
      res.writeHead(307, { Location: `${other.url}/there` });
      res.end();
    });
    const answer = await httpFetch(`${url}/here`, {
      method: "PATCH",
      headers: { Authorization: "token t" },
      body: "b",
    });
    expect(await answer.text()).toBe("PATCH b");
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
  });

  it("rejects with the signal's reason when aborted before the answer, and while its body is read", async () => {
    const { url } = await serve((req, res) => {
      if (req.url === "/slow-body") {
        res.writeHead(200);
        res.write("part");
      }
      // no answer (or no end): the client gives up
    });
    const early = new AbortController();
    const pending = httpFetch(`${url}/hang`, { signal: early.signal });
    setImmediate(() => early.abort(new DOMException("gave up", "TimeoutError")));
    await expect(pending).rejects.toMatchObject({ name: "TimeoutError" });

    for (const read of [
      (answer: HttpAnswer) => answer.text(),
      (answer: HttpAnswer) => new Response(answer.body).text(),
    ]) {
      const late = new AbortController();
      const answer = await httpFetch(`${url}/slow-body`, { signal: late.signal });
      const reading = read(answer);
      late.abort(new DOMException("gave up", "TimeoutError"));
      await expect(reading).rejects.toMatchObject({ name: "TimeoutError" });
    }
  });

  it("a refused connection is TypeError('fetch failed') with the system error as its cause", async () => {
    const { url } = await serve((_req, res) => res.end());
    const closed = servers.pop() as http.Server;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failure = await httpFetch(url).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe("fetch failed");
    expect(((failure as TypeError).cause as NodeJS.ErrnoException).code).toBe("ECONNREFUSED");
  });
});

describe("httpFetch's transports", () => {
  it("speaks TLS to an https URL (node:https, loaded on first need)", async () => {
    const first = new Promise<number | undefined>((resolve) => {
      const server = net.createServer((socket) => {
        socket.once("data", (bytes) => {
          resolve(bytes[0]);
          socket.destroy();
        });
      });
      tcpServers.push(server);
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo;
        void httpFetch(`https://127.0.0.1:${port}/api/v1/version`).catch(() => {});
      });
    });
    // 0x16: a TLS handshake record, the ClientHello.
    expect(await first).toBe(0x16);
  });

  it("loads neither node:https nor node:zlib for an uncompressed answer over http", async () => {
    const { url } = await serve((_req, res) => res.end("{}"));
    const module = join(inject("deferbotBuildDir"), "src/gitea/http-fetch.js");
    // Node 24's ES module loader loads zlib with the first import(): what counts is what
    // httpFetch adds after it.
    const script = [
      'await import("node:http");',
      "const before = new Set(process.moduleLoadList);",
      `const { httpFetch } = await import(${JSON.stringify(pathToFileURL(module).href)});`,
      `await (await httpFetch(${JSON.stringify(url)})).text();`,
      'const added = (name) => !before.has("NativeModule " + name) && process.moduleLoadList.includes("NativeModule " + name);',
      'console.log(JSON.stringify({ https: added("https"), zlib: added("zlib") }));',
    ].join("\n");
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    await new Promise((resolve) => child.on("exit", resolve));
    expect(JSON.parse(out)).toEqual({ https: false, zlib: false });
  });
});

describe("createGiteaOctokit's transport", () => {
  const gitea = useGiteaFake();

  it("sends through httpFetch, never the global fetch", async () => {
    const global = vi.spyOn(globalThis, "fetch");
    const octokit = createGiteaOctokit({
      token: "deferbot-token",
      apiBaseUrl: gitea.fake.apiUrl,
      log: quietLog,
    });
    expect((await getAuthenticatedUser(octokit)).login).toBe("deferbot");
    expect(global).not.toHaveBeenCalled();
  });
});
