/**
 * The Gitea fake in a process of its own, driven over IPC: a measurement of deferbot in the bench
 * process then shares neither its event loop nor its CPU time with the fake's request handling
 * (a real Gitea is another process too). `remoteFake()` starts it; this file is also its entry.
 */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type GiteaFake, startGiteaFake } from "../test/support/gitea-fake/index.js";

type Command =
  | { op: "setFile"; repo: string; path: string; text: string }
  | { op: "resetRequests" }
  | { op: "stats" }
  | { op: "stop" };

export interface FakeStats {
  /** Requests in order, as `METHOD route` (the fake's template, or the path when none matched). */
  requests: string[];
  peakInFlight: number;
}

export interface RemoteFake {
  url: string;
  apiUrl: string;
  setFile(repo: string, path: string, text: string): Promise<string>;
  resetRequests(): Promise<void>;
  stats(): Promise<FakeStats>;
  stop(): Promise<void>;
}

/** Starts the fake in a child process with `latencyMs` per request (contract checks off). */
export async function remoteFake(latencyMs: number): Promise<RemoteFake> {
  const child = fork(fileURLToPath(import.meta.url), [String(latencyMs)], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const answers: ((value: unknown) => void)[] = [];
  child.on("message", (message) => answers.shift()?.(message));
  const ask = <T>(command: Command): Promise<T> =>
    new Promise((resolve, reject) => {
      answers.push(resolve as (value: unknown) => void);
      child.send(command, (error) => error && reject(error));
    });
  const ready = await new Promise<{ url: string; apiUrl: string }>((resolve, reject) => {
    answers.push(resolve as (value: unknown) => void);
    child.once("exit", (code) => reject(new Error(`bench: the fake process exited ${code}`)));
  });
  return {
    ...ready,
    setFile: (repo, path, text) => ask({ op: "setFile", repo, path, text }),
    resetRequests: () => ask({ op: "resetRequests" }),
    stats: () => ask({ op: "stats" }),
    stop: async () => {
      await ask({ op: "stop" });
      await exited(child);
    },
  };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

async function serve(latencyMs: number): Promise<void> {
  const fake: GiteaFake = await startGiteaFake({ latencyMs, validate: false });
  const reply = (message: unknown) => process.send?.(message);
  process.on("message", async (command: Command) => {
    switch (command.op) {
      case "setFile":
        return reply(fake.setFile(command.repo, command.path, command.text));
      case "resetRequests":
        fake.resetRequests();
        return reply(null);
      case "stats":
        return reply({
          requests: fake.requests.map((r) => r.route ?? `${r.method} ${r.path}`),
          peakInFlight: fake.peakInFlight(),
        } satisfies FakeStats);
      case "stop":
        await fake.stop();
        reply(null);
        process.disconnect();
        return;
    }
  });
  reply({ url: fake.url, apiUrl: fake.apiUrl });
}

if (process.send !== undefined && process.argv[1] === fileURLToPath(import.meta.url)) {
  await serve(Number(process.argv[2] ?? 0));
}
