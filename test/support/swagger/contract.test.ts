import { describe, expect, test } from "vitest";
import { SwaggerContract } from "./contract.js";
import { giteaContract } from "./gitea-contract.js";

const request = (method: string, path: string, query = "", body?: unknown) => ({
  method,
  path,
  query: new URLSearchParams(query),
  body,
});

describe("SwaggerContract on a small document", () => {
  const contract = new SwaggerContract({
    basePath: "/api/v1",
    securityDefinitions: { Token: { in: "query", name: "token" } },
    paths: {
      "/repos/{owner}/{repo}/issues": {
        get: {
          parameters: [
            { name: "owner", in: "path" },
            { name: "page", in: "query" },
          ],
        },
        post: {
          parameters: [{ name: "body", in: "body", schema: { $ref: "#/definitions/NewIssue" } }],
        },
      },
      "/repos/{owner}/{repo}/issues/comments": { get: {} },
      "/repos/{owner}/{repo}/issues/{index}": { patch: {} },
      "/repos/{owner}/{repo}/contents/{filepath}": { get: {} },
      "/repos/{owner}/{repo}/git/commits/{sha}.{diffType}": { get: {} },
    },
    definitions: { NewIssue: { type: "object", properties: { title: {}, labels: {} } } },
  });

  test("accepts a declared request", () => {
    expect(contract.check(request("GET", "/api/v1/repos/a/b/issues", "page=2&token=t"))).toEqual(
      [],
    );
    expect(
      contract.check(request("POST", "/api/v1/repos/a/b/issues", "", { title: "x", labels: [1] })),
    ).toEqual([]);
  });

  test("reports an unknown path", () => {
    expect(contract.check(request("GET", "/api/v1/repos/a/b/nothing"))).toEqual([
      "GET /api/v1/repos/a/b/nothing: no path in the contract matches",
    ]);
    expect(contract.check(request("GET", "/repos/a/b/issues"))).toHaveLength(1);
  });

  test("reports a method the path does not have, preferring literal segments", () => {
    expect(contract.check(request("DELETE", "/api/v1/repos/a/b/issues"))).toEqual([
      "DELETE /api/v1/repos/a/b/issues: method DELETE is not in the contract for /repos/{owner}/{repo}/issues",
    ]);
    // `issues/comments` is the literal route, which has no PATCH, even though `issues/{index}` does.
    expect(contract.check(request("PATCH", "/api/v1/repos/a/b/issues/comments"))).toHaveLength(1);
  });

  test("reports an undeclared query parameter", () => {
    expect(contract.check(request("GET", "/api/v1/repos/a/b/issues", "page=1&sort=asc"))).toEqual([
      'GET /api/v1/repos/a/b/issues: query parameter "sort" is not declared for /repos/{owner}/{repo}/issues',
    ]);
  });

  test("reports a body field the schema lacks, and a body where none is taken", () => {
    expect(
      contract.check(request("POST", "/api/v1/repos/a/b/issues", "", { title: "x", draft: true })),
    ).toEqual(['POST /api/v1/repos/a/b/issues: body field "draft" is not a property of NewIssue']);
    expect(
      contract.check(request("PATCH", "/api/v1/repos/a/b/issues/3", "", { title: "x" })),
    ).toHaveLength(1);
  });

  test("matches an encoded or slashed file path, and parameters inside a segment", () => {
    expect(contract.check(request("GET", "/api/v1/repos/a/b/contents/docs%2Fa.md"))).toEqual([]);
    expect(contract.check(request("GET", "/api/v1/repos/a/b/contents/docs/a.md"))).toEqual([]);
    expect(contract.check(request("GET", "/api/v1/repos/a/b/git/commits/abc.diff"))).toEqual([]);
  });
});

describe("Gitea 1.25.4's contract", () => {
  const contract = giteaContract();

  test.runIf(contract !== null)(
    "declares what the adapter sends and rejects GitHub-only usage",
    () => {
      const gitea = contract as SwaggerContract;
      const list = "type=issues&state=all&created_by=deferbot&limit=50&page=2";
      expect(gitea.check(request("GET", "/api/v1/repos/o/r/issues", list))).toEqual([]);
      // `per_page` is not Gitea's: the contract does not declare it.
      expect(gitea.check(request("GET", "/api/v1/repos/o/r/issues", "per_page=100"))).toHaveLength(
        1,
      );
      // GitHub's `sort` and `direction` do not exist on Gitea's issue list.
      expect(gitea.check(request("GET", "/api/v1/repos/o/r/issues", "sort=created"))).toHaveLength(
        1,
      );
      // Octokit's repos.getCommit route: Gitea has no GET /commits/{ref}.
      expect(gitea.check(request("GET", "/api/v1/repos/o/r/commits/abc"))).toHaveLength(1);
      // EditIssueOption has no `labels`.
      expect(
        gitea.check(request("PATCH", "/api/v1/repos/o/r/issues/1", "", { labels: [1] })),
      ).toHaveLength(1);
      // DELETE …/reactions/{id} is GitHub's; Gitea deletes reactions by content.
      expect(
        gitea.check(request("DELETE", "/api/v1/repos/o/r/issues/comments/1/reactions/5")),
      ).toHaveLength(1);
    },
  );
});
