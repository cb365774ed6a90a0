import { describe, expect, it } from "vitest";
import { readActionEnv } from "../../src/action/action-env.js";

const RUNNER = {
  GITHUB_EVENT_NAME: "push",
  GITHUB_EVENT_PATH: "/run/event.json",
  GITHUB_SERVER_URL: "https://git.example.com",
  DEFERBOT_TOKEN: "bot-token",
};

describe("readActionEnv", () => {
  it("takes the runner's server URL and the DEFERBOT_TOKEN", () => {
    const result = readActionEnv(RUNNER);
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result.value).toMatchObject({
      eventName: "push",
      eventPath: "/run/event.json",
      tokenFrom: "DEFERBOT_TOKEN",
      urlFrom: "GITHUB_SERVER_URL",
      settings: {
        webUrl: "https://git.example.com",
        apiBaseUrl: "https://git.example.com/api/v1",
        token: "bot-token",
        webhookSecret: null,
      },
    });
  });

  it("lets GITEA_URL override the runner's URL, and falls back to GITEA_TOKEN", () => {
    const result = readActionEnv({
      ...RUNNER,
      DEFERBOT_TOKEN: "",
      GITEA_TOKEN: "fallback",
      GITEA_URL: "http://gitea:3000/api/v1",
    });
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result.value.settings).toMatchObject({
      apiBaseUrl: "http://gitea:3000/api/v1",
      token: "fallback",
    });
    expect(result.value).toMatchObject({ tokenFrom: "GITEA_TOKEN", urlFrom: "GITEA_URL" });
  });

  it("names the variable a bad value came from, and never repeats the token", () => {
    const result = readActionEnv({
      ...RUNNER,
      GITHUB_SERVER_URL: "ftp://git.example.com",
      DEFERBOT_TOKEN: "bot token",
      DEFERBOT_CONCURRENCY: "0",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      'GITHUB_SERVER_URL must be an http(s) URL such as https://git.example.com (got "ftp://git.example.com")',
      "DEFERBOT_TOKEN must not contain whitespace (check for a stray space or line break)",
      'DEFERBOT_CONCURRENCY must be a whole number from 1 to 32 (got "0")',
    ]);
  });
});
