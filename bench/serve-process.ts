/**
 * `deferbot serve` (the built bin) as a child process on loopback, pointed at the Gitea fake:
 * its log read line by line, its resident memory read from /proc.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { projectFile } from "./project-root.js";
import { TOKEN } from "./wiring.js";

/** The built bin (package.json `bin`), whether this file runs built (dist-bench/bench) or from source. */
const BIN = projectFile("dist/src/cli/main.js");

export interface SyncLogLine {
  repo: string;
  state: string;
  durationMs: number;
  /** A push's sync skipped because its commit was already synced. */
  skipped: boolean;
}

export interface ProcessUsage {
  rssMB: number;
  peakMB: number;
  cpuSeconds: number;
}

export interface ServeProcess {
  /** `http://127.0.0.1:PORT/api/webhook`. */
  hookUrl: string;
  baseUrl: string;
  pid: number;
  /** Syncs the server logged as finished or failed. */
  syncs: SyncLogLine[];
  /** Delivery outcome lines by outcome (`queued`, `ignored`, `rejected`). */
  outcomes: Map<string, number>;
  /** Whether delivery work and syncs all ended within `timeoutMs` (polls `/readyz`). */
  idle(timeoutMs: number): Promise<boolean>;
  /** Resident set size now and its peak (VmRSS, VmHWM) in MB, CPU seconds used; null off Linux. */
  usage(): Promise<ProcessUsage | null>;
  /** SIGTERM (serve finishes running work); SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** A free loopback port (serve's PORT must be 1-65535, so 0 cannot be asked for). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

interface LogRecord {
  msg?: string;
  url?: string;
  repo?: string;
  state?: string;
  durationMs?: number;
  outcome?: string;
  skipped?: boolean;
}

export async function startServe(giteaUrl: string, secret: string): Promise<ServeProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [BIN, "serve"], {
    env: {
      PATH: process.env.PATH ?? "",
      GITEA_URL: giteaUrl,
      GITEA_TOKEN: TOKEN,
      WEBHOOK_SECRET: secret,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const syncs: SyncLogLine[] = [];
  const outcomes = new Map<string, number>();
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));

  const listening = new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout ?? process.stdin });
    lines.on("line", (line) => {
      let record: LogRecord;
      try {
        record = JSON.parse(line) as LogRecord;
      } catch {
        return;
      }
      if (record.msg === "deferbot serve listening" && record.url) resolve(record.url);
      if (record.msg?.startsWith("sync "))
        syncs.push({
          repo: record.repo ?? "",
          state: record.state ?? "",
          durationMs: record.durationMs ?? 0,
          skipped: record.skipped === true,
        });
      if (record.outcome) outcomes.set(record.outcome, (outcomes.get(record.outcome) ?? 0) + 1);
    });
    void exited.then((code) =>
      reject(new Error(`deferbot serve exited (${code}) before listening: ${stderr.trim()}`)),
    );
  });
  const baseUrl = await listening;
  const pid = child.pid ?? 0;

  return {
    hookUrl: `${baseUrl}/api/webhook`,
    baseUrl,
    pid,
    syncs,
    outcomes,
    async idle(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const ready = (await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(5_000) })
          .then((response) => response.json())
          .catch(() => ({}))) as { syncsRunning?: number; tasks?: number };
        if (ready.syncsRunning === 0 && ready.tasks === 0) return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return false;
    },
    async usage() {
      try {
        const status = await readFile(`/proc/${pid}/status`, "utf8");
        const kB = (field: string) =>
          Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1]);
        // /proc/PID/stat: fields 14 and 15 (after the parenthesised name) are utime and stime in
        // USER_HZ ticks, which Linux always reports as 100 a second.
        const stat = await readFile(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const ticks = Number(fields[11]) + Number(fields[12]);
        return { rssMB: kB("VmRSS") / 1024, peakMB: kB("VmHWM") / 1024, cpuSeconds: ticks / 100 };
      } catch {
        return null;
      }
    },
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
