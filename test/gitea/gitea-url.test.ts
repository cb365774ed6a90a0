import { expect, test } from "vitest";
import { normaliseGiteaUrl } from "../../src/gitea/gitea-url.js";

test.each([
  ["https://git.example", "https://git.example"],
  ["https://git.example/", "https://git.example"],
  ["https://git.example/api/v1", "https://git.example"],
  ["https://git.example/api/v1/", "https://git.example"],
  ["http://127.0.0.1:3000/gitea/", "http://127.0.0.1:3000/gitea"],
  ["  https://git.example/gitea/api/v1  ", "https://git.example/gitea"],
])("%s", (raw, webUrl) => {
  expect(normaliseGiteaUrl(raw)).toEqual({ webUrl, apiBaseUrl: `${webUrl}/api/v1` });
});

test.each(["git.example", "ftp://git.example", "https://git.example/?x=1"])("rejects %s", (raw) => {
  expect(() => normaliseGiteaUrl(raw)).toThrow(/GITEA_URL/);
});
