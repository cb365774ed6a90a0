/**
 * A throwaway `redis-server` (Debian's package) on a free loopback port, with no persistence,
 * for the tests of the lock across processes. Without the binary, `redisServerBinary` is null
 * and the tests skip with a one-line notice.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { createServer, Socket } from "node:net";

function findBinary(): string | null {
  const found = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
  if (found.status === 0) return "redis-server";
  process.stderr.write(
    "skipped: the Redis lock tests (redis-server is not installed: apt-get install redis-server)\n",
  );
  return null;
}

export const redisServerBinary = findBinary();

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

export class RedisServer {
  #child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    /** Set: the server asks for it (`--requirepass`), and `url` carries it. */
    readonly password?: string,
  ) {}

  static async start(options: { password?: string } = {}): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), options.password);
    await server.restart();
    return server;
  }

  get url(): string {
    const auth = this.password === undefined ? "" : `:${encodeURIComponent(this.password)}@`;
    return `redis://${auth}127.0.0.1:${this.port}`;
  }

  /** Starts it again on the same port, empty (nothing was persisted). */
  async restart(): Promise<void> {
    if (this.#child) throw new Error("redis-server is running");
    const child = spawn(
      redisServerBinary ?? "redis-server",
      [
        ...["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        ...(this.password === undefined ? [] : ["--requirepass", this.password]),
      ],
      { stdio: "ignore" },
    );
    this.#child = child;
    await waitForPort(this.port, child);
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    this.#child = null;
    if (child.exitCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
  }
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const socket = new Socket();
    try {
      socket.connect(port, "127.0.0.1");
      await once(socket, "connect");
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      socket.destroy();
    }
  }
}
