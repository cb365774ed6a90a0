/** The conversation as nock sees it: token header, Gitea base path, no retry of a 409. */
import nock from "nock";
import { afterEach, beforeEach, expect, test } from "vitest";
import { createGiteaOctokit } from "../../src/gitea/create-octokit.js";
import { GiteaError } from "../../src/gitea/errors.js";
import { createIssue } from "../../src/gitea/issues.js";
import { getAuthenticatedUser } from "../../src/gitea/users.js";
import { quietLog } from "./helpers.js";

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const octokit = () =>
  createGiteaOctokit({
    token: "secret",
    apiBaseUrl: "https://git.example/api/v1/",
    retryDelaysMs: [0],
    log: quietLog,
  });

test("sends `Authorization: token T` below /api/v1", async () => {
  const scope = nock("https://git.example", { reqheaders: { authorization: "token secret" } })
    .get("/api/v1/user")
    .reply(200, { id: 1, login: "deferbot" });
  expect(await getAuthenticatedUser(octokit())).toEqual({ id: 1, login: "deferbot" });
  scope.done();
});

test("a 409 on create is neither retried nor paced (one request, Gitea's message)", async () => {
  const scope = nock("https://git.example")
    .post("/api/v1/repos/o/r/issues")
    .once()
    .reply(409, { message: "conflict", url: "https://git.example/api/swagger" });
  const error = await createIssue(
    { octokit: octokit(), owner: "o", repo: "r" },
    { title: "t", body: "", labels: [] },
  ).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GiteaError);
  expect((error as GiteaError).message).toBe("Gitea POST /repos/o/r/issues failed: 409 conflict");
  scope.done();
  expect(nock.pendingMocks()).toEqual([]);
});
