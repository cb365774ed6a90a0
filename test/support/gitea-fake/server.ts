/** The HTTP side of the fake: body parsing, contract check, injected faults, auth, routing, log. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { SwaggerContract } from "../swagger/contract.js";
import { type EditContext, type Fault, type FaultAnswer, FaultPlan } from "./faults.js";
import { type FakeResponse, type HandlerContext, HttpError } from "./http.js";
import { route } from "./router.js";
import type { FakeStore, FakeUser } from "./store.js";

export const API_PREFIX = "/api/v1";

export interface RequestRecord {
  /** 1, 2, 3… in arrival order. */
  seq: number;
  method: string;
  /** Decoded path below `/api/v1`, e.g. `/repos/acme/widgets/contents/docs/a.md`. */
  path: string;
  /** Pathname exactly as sent, `/api/v1` included. */
  rawPath: string;
  query: Record<string, string>;
  body: unknown;
  /** Status answered; 0 for an injected network failure. */
  status: number;
  /** The fake's route template, e.g. `POST /repos/{owner}/{repo}/issues`; undefined if none matched. */
  route: string | undefined;
  /** Login of the authenticated caller. */
  user: string | undefined;
  /** The fault injected by the fault plan (faults.ts), if any; `after`: applied, answer lost. */
  fault?: Fault;
}

export interface FailureMatcher {
  method?: string;
  /** Matched against `RequestRecord.path` (exact string) or tested (RegExp). */
  path?: string | RegExp;
  /** Matched against `RequestRecord.route`. */
  route?: string;
}

/** An HTTP status to answer, or `network` to drop the connection without an answer. */
export type InjectedFailure = number | "network";

interface PendingFailure {
  matcher: FailureMatcher;
  failure: InjectedFailure;
  remaining: number;
}

export interface ServerConfig {
  store: FakeStore;
  contract: SwaggerContract | null;
  rootUrl: () => string;
  options: HandlerContext["options"];
}

export class FakeHttpServer {
  readonly requests: RequestRecord[] = [];
  readonly violations: string[] = [];
  latencyMs = 0;
  inFlight = 0;
  peakInFlight = 0;
  /** Seeded and scheduled faults and person's edits (faults.ts). */
  readonly faults = new FaultPlan();
  readonly #failures: PendingFailure[] = [];
  readonly #server: Server;
  readonly #config: ServerConfig;

  constructor(config: ServerConfig) {
    this.#config = config;
    this.#server = createServer((req, res) => {
      void this.#handle(req, res);
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(0, "127.0.0.1", () => {
        const address = this.#server.address();
        resolve(typeof address === "object" && address ? address.port : 0);
      });
    });
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  failNext(matcher: FailureMatcher, failure: InjectedFailure, times = 1): void {
    this.#failures.push({ matcher, failure, remaining: times });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    try {
      await this.#serve(req, res);
    } finally {
      this.inFlight -= 1;
    }
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake.invalid");
    const method = (req.method ?? "GET").toUpperCase();
    const rawBody = await readBody(req);
    const apiPath = url.pathname.startsWith(`${API_PREFIX}/`)
      ? url.pathname.slice(API_PREFIX.length)
      : url.pathname;
    const record: RequestRecord = {
      seq: this.requests.length + 1,
      method,
      path: safeDecode(apiPath),
      rawPath: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      status: 0,
      route: undefined,
      user: undefined,
    };
    this.requests.push(record);
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));

    const answer = (response: FakeResponse) => {
      record.status = response.status;
      send(res, response);
    };
    const fail = (status: number, message: string) =>
      answer({ status, body: { message, url: `${this.#config.rootUrl()}api/swagger` } });

    if (rawBody.length > 0) {
      try {
        record.body = JSON.parse(rawBody);
      } catch {
        return fail(422, "invalid JSON body");
      }
    }

    const violations =
      this.#config.contract?.check({
        method,
        path: url.pathname,
        query: url.searchParams,
        body: record.body,
      }) ?? [];
    if (violations.length > 0) {
      this.violations.push(...violations);
      return fail(400, `request violates the Gitea 1.25.4 API contract: ${violations.join("; ")}`);
    }

    const matched = url.pathname.startsWith(`${API_PREFIX}/`)
      ? route(method, apiPath)
      : { kind: "not-found" as const };
    if (matched.kind === "found") record.route = matched.route;

    const injected = this.#takeFailure(record);
    if (injected === "network") {
      req.socket.destroy();
      return;
    }
    if (injected !== undefined) return fail(injected, `injected failure ${injected}`);

    const user = authenticate(this.#config.store, req, url.searchParams);
    if (!user) return fail(401, "token is required");
    record.user = user.login;

    if (matched.kind === "not-found") return fail(404, "The target couldn't be found.");
    if (matched.kind === "no-method") return fail(405, "Method Not Allowed");

    const request = { method, path: record.path, route: record.route };
    const fault = this.faults.decide(request);
    if (fault) record.fault = fault;
    if (fault?.timing === "before") return this.#lose(req, record, fault.answer, fail);

    let response: FakeResponse;
    try {
      response = matched.handler({
        store: this.#config.store,
        user,
        params: matched.params,
        query: url.searchParams,
        body: record.body,
        rootUrl: this.#config.rootUrl(),
        requestUri: { pathname: url.pathname, search: url.search },
        options: this.#config.options,
      });
    } catch (error) {
      if (error instanceof HttpError) return fail(error.status, error.message);
      return fail(500, error instanceof Error ? error.message : String(error));
    }
    const edit: EditContext = { store: this.#config.store, request, params: matched.params };
    if (fault) {
      this.#lose(req, record, fault.answer, fail);
      if (response.status < 400) this.faults.runEdits("lost", edit);
      return;
    }
    answer(response);
    if (response.status < 400) this.faults.runEdits("answered", edit);
  }

  /** The answer goes missing: a status, a hang (no answer until the client gives up) or a dropped socket. */
  #lose(
    req: IncomingMessage,
    record: RequestRecord,
    answer: FaultAnswer,
    fail: (status: number, message: string) => void,
  ): void {
    if (typeof answer === "number") {
      fail(answer, `injected fault ${answer}`);
      return;
    }
    record.status = 0;
    if (answer === "drop") req.socket.destroy();
  }

  #takeFailure(record: RequestRecord): InjectedFailure | undefined {
    const index = this.#failures.findIndex(({ matcher }) => {
      if (matcher.method && matcher.method.toUpperCase() !== record.method) return false;
      if (matcher.route && matcher.route !== record.route) return false;
      if (typeof matcher.path === "string" && matcher.path !== record.path) return false;
      if (matcher.path instanceof RegExp && !matcher.path.test(record.path)) return false;
      return true;
    });
    const pending = this.#failures[index];
    if (!pending) return undefined;
    pending.remaining -= 1;
    if (pending.remaining <= 0) this.#failures.splice(index, 1);
    return pending.failure;
  }
}

/** `Authorization: token T` or `Bearer T` (any case), or `?token=` / `?access_token=`. */
function authenticate(
  store: FakeStore,
  req: IncomingMessage,
  query: URLSearchParams,
): FakeUser | undefined {
  const header = req.headers.authorization ?? "";
  const fromHeader = /^(?:token|bearer)\s+(\S+)$/i.exec(header)?.[1];
  const token = fromHeader ?? query.get("token") ?? query.get("access_token");
  return token ? store.userByToken(token) : undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, response: FakeResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  if (response.raw) {
    res.writeHead(response.status, headers).end(response.raw);
    return;
  }
  if (response.status === 204 || response.body === undefined) {
    res.writeHead(response.status, headers).end();
    return;
  }
  // Gitea's content type has no space before charset.
  headers["Content-Type"] = "application/json;charset=utf-8";
  res.writeHead(response.status, headers).end(JSON.stringify(response.body));
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
