import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../support/shared.js";
import {
  environmentOf,
  firstCode,
  portsOf,
  readCompose,
  readGuide,
  scriptDefault,
  tableUnder,
} from "./ops-files.js";

const compose = readCompose();
const gitea = compose.services.gitea;
const bot = compose.services.deferbot;
const giteaEnv = gitea ? environmentOf(gitea) : {};
const botEnv = bot ? environmentOf(bot) : {};

/**
 * Whether Gitea's `[webhook] ALLOWED_HOST_LIST` lets deliveries reach `host` when `host` is a
 * compose service (a private address): a matching host-name pattern, `private` or `*`
 * (modules/hostmatcher: patterns are file globs matched against the host name).
 */
function allowsComposeHost(list: string, host: string): boolean {
  return list
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .some((entry) => {
      if (entry === "*" || entry === "private") return true;
      const glob = new RegExp(
        `^${entry
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replace(/\*/g, ".*")
          .replace(/\?/g, ".")}$`,
      );
      return glob.test(host.toLowerCase());
    });
}

describe("compose.yaml", () => {
  it("runs the official Gitea 1.25 image on SQLite with its data in a volume", () => {
    expect(gitea?.image).toMatch(/^gitea\/gitea:1\.25(\.\d+)?$/);
    expect(giteaEnv.GITEA__database__DB_TYPE).toBe("sqlite3");
    expect(giteaEnv.GITEA__security__INSTALL_LOCK).toBe("true");
    const volumes = (gitea?.volumes ?? []).map((v) =>
      typeof v === "string" ? v : `x:${v.target}`,
    );
    const dataVolume = volumes.find((v) => v.split(":")[1] === "/data");
    expect(dataVolume, "a volume on /data").toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(dataVolume?.split(":")[0]);
  });

  it("checks Gitea's health, and starts the bot only once Gitea is healthy", () => {
    expect(gitea?.healthcheck?.test).toBeDefined();
    expect(JSON.stringify(gitea?.healthcheck?.test)).toContain("/api/healthz");
    const dependsOn = bot?.depends_on;
    expect(Array.isArray(dependsOn) ? null : dependsOn?.gitea?.condition).toBe("service_healthy");
  });

  it("builds the bot from this repository and gives it its three required settings", () => {
    const build = bot?.build;
    expect(typeof build === "string" ? build : build?.context).toBe(".");
    expect(Object.keys(botEnv)).toEqual(
      expect.arrayContaining(["GITEA_URL", "GITEA_TOKEN", "WEBHOOK_SECRET"]),
    );
    // The token and the secret come from .env (written by the setup script), never the file.
    expect(botEnv.GITEA_TOKEN).toMatch(/^\$\{GITEA_TOKEN(:?-[^}]*)?\}$/);
    expect(botEnv.WEBHOOK_SECRET).toMatch(/^\$\{WEBHOOK_SECRET(:?-[^}]*)?\}$/);
  });

  it("points the bot at Gitea's port on the compose network", () => {
    const giteaTargets = portsOf(gitea ?? {}).map(([, target]) => target);
    const url = new URL(botEnv.GITEA_URL ?? "");
    expect(url.hostname).toBe("gitea");
    expect(giteaTargets).toContain(Number(url.port || 80));
  });

  it("lets Gitea deliver to the webhook URL the setup script creates", () => {
    const hook = new URL(scriptDefault("BOT_WEBHOOK_URL"));
    expect(Object.keys(compose.services)).toContain(hook.hostname);
    expect(hook.port).toBe(botEnv.PORT ?? "3000");
    expect(hook.pathname).toBe(botEnv.WEBHOOK_PATH ?? "/api/webhook");
    const allowed = giteaEnv.GITEA__webhook__ALLOWED_HOST_LIST;
    expect(allowed, "ALLOWED_HOST_LIST is set (the default blocks private addresses)").toBeTruthy();
    expect(allowsComposeHost(allowed ?? "", hook.hostname)).toBe(true);
    expect(allowsComposeHost("external", hook.hostname)).toBe(false);
  });

  it("publishes Gitea where its ROOT_URL and the setup script say it is", () => {
    const root = new URL(giteaEnv.GITEA__server__ROOT_URL ?? "");
    const published = portsOf(gitea ?? {}).map(([host]) => host);
    expect(published).toContain(Number(root.port || 80));
    expect(new URL(scriptDefault("GITEA_PUBLIC_URL")).origin).toBe(root.origin);
  });

  it("sets on the bot only variables the operator guide documents", () => {
    const documented = tableUnder(readGuide(), "Environment").map((row) => firstCode(row[0] ?? ""));
    for (const name of Object.keys(botEnv)) expect(documented).toContain(name);
  });
});

describe("compose.yaml against a compose implementation", () => {
  const which = spawnSync("sh", ["-c", "command -v docker-compose"], { encoding: "utf8" });
  const binary = which.status === 0 ? which.stdout.trim() : null;
  if (!binary)
    process.stderr.write(
      "skipped: docker-compose config (Debian's docker-compose package is not installed)\n",
    );
  it.skipIf(!binary)("`docker-compose config -q` accepts it (no engine needed)", () => {
    const run = spawnSync(binary ?? "docker-compose", ["-f", "compose.yaml", "config", "-q"], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      env: { ...process.env, GITEA_TOKEN: "t", WEBHOOK_SECRET: "s" },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
