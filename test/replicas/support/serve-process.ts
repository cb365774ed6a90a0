/**
 * A `deferbot serve` process from the built bin (the global setup's build), as a replica runs
 * it: its own port, the shared Gitea fake and Redis. `kill()` is `kill -9`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { PROJECT_ROOT } from "../../support/shared.js";
import { freePort } from "./redis-server.js";

export interface ServeEnv {
  GITEA_URL: string;
  GITEA_TOKEN: string;
  WEBHOOK_SECRET: string;
  REDIS_URL: string;
  REDIS_LOCK_TTL?: string;
}

export class ServeProcess {
  #log = "";

  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(bin: string, env: ServeEnv): Promise<ServeProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [bin, "serve"], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, HOST: "127.0.0.1", PORT: String(port), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const serve = new ServeProcess(`http://127.0.0.1:${port}`, child);
    child.stdout?.setEncoding("utf8");
    child.stderr?.setEncoding("utf8");
    const listening = new Promise<void>((resolve, reject) => {
      const onData = (chunk: string) => {
        serve.#log += chunk;
        if (serve.#log.includes('"msg":"deferbot serve listening"')) resolve();
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${serve.#log}`)));
    });
    await listening;
    return serve;
  }

  /** Everything it printed (for a failure's message). */
  get log(): string {
    return this.#log;
  }

  async readiness(): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.url}/readyz`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** Nothing running or queued here (a follow-up timer may still be set). */
  async idle(): Promise<boolean> {
    const { status, body } = await this.readiness();
    return status === 200 && body.syncsRunning === 0 && body.reposQueued === 0;
  }

  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, "exit");
    this.child.kill("SIGKILL");
    await exited;
  }
}
