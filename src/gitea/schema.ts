/**
 * Response shapes parsed at the boundary, so the rest of the code trusts its data. Each is built
 * on its first parse (`z.lazy`): building all of them cost every one-shot start ~8 ms before its
 * first request, and a sync uses half of them.
 */
import * as z from "../zod.js";

export const userSchema = z.lazy(() => z.object({ id: z.number(), login: z.string() }));

export const labelSchema = z.lazy(() =>
  z.object({
    id: z.number(),
    name: z.string(),
    // Gitea returns colours without '#'.
    color: z.string(),
    exclusive: z.optional(z.boolean()),
  }),
);

export const issueSchema = z.lazy(() =>
  z.object({
    id: z.number(),
    number: z.number(),
    title: z.string(),
    body: z.pipe(
      z.nullable(z.string()),
      z.transform((body) => body ?? ""),
    ),
    state: z.enum(["open", "closed"]),
    // Gitea sends `labels: []`, but `null` has been seen for empty lists on older versions.
    labels: z.pipe(
      z.nullable(z.array(labelSchema)),
      z.transform((labels) => labels ?? []),
    ),
    user: userSchema,
    html_url: z.string(),
    created_at: z.string(),
    /** Every comment on it, the bot's included. */
    comments: z.optional(z.number()),
    pull_request: z.optional(z.unknown()),
    // Gitea answers `assignees: null` and `milestone: null` when there are none.
    assignees: z.pipe(
      z.nullish(z.array(userSchema)),
      z.transform((users) => (users ?? []).map((u) => u.login)),
    ),
    milestone: z.pipe(
      z.nullish(z.object({ id: z.number(), title: z.string() })),
      z.transform((m) => m ?? null),
    ),
    due_date: z.pipe(
      z.nullish(z.string()),
      z.transform((date) => date ?? null),
    ),
    // Gitea 1.20+: 0 when the issue is not pinned; absent on older versions.
    pin_order: z.optional(z.number()),
    /** `RepositoryMeta`: a dependency may be in another repository. */
    repository: z.nullish(z.object({ full_name: z.string() })),
  }),
);

export const milestoneSchema = z.lazy(() =>
  z.object({
    id: z.number(),
    title: z.string(),
    state: z.enum(["open", "closed"]),
  }),
);

export const commentSchema = z.lazy(() =>
  z.object({
    id: z.number(),
    body: z.string(),
    user: userSchema,
    html_url: z.string(),
  }),
);

export const contentsSchema = z.lazy(() =>
  z.object({
    type: z.string(),
    sha: z.string(),
    size: z.number(),
    last_commit_sha: z.nullish(z.string()),
    encoding: z.nullish(z.string()),
    content: z.nullish(z.string()),
  }),
);

export const repositorySchema = z.lazy(() =>
  z.object({
    name: z.string(),
    full_name: z.string(),
    html_url: z.string(),
    default_branch: z.string(),
    owner: z.object({ login: z.string() }),
  }),
);

/** `GET /repos/search`: the repositories and the caller's permissions on each. */
export const repoSearchSchema = z.lazy(() =>
  z.object({
    data: z.array(
      z.object({
        full_name: z.string(),
        owner: z.object({ login: z.string() }),
        archived: z.nullish(z.boolean()),
        permissions: z.nullish(z.object({ push: z.nullish(z.boolean()) })),
      }),
    ),
  }),
);

export const branchSchema = z.lazy(() =>
  z.object({
    name: z.string(),
    commit: z.object({ id: z.string() }),
  }),
);

/** `GET /repos/{owner}/{repo}/git/commits/{sha}`: only the SHA is read. */
export const commitSchema = z.lazy(() => z.object({ sha: z.string() }));

export const commitStatusSchema = z.lazy(() =>
  z.object({
    id: z.number(),
    // Gitea names it `status`, not `state` (structs/status.go).
    status: z.string(),
    context: z.string(),
    description: z.string(),
    target_url: z.string(),
  }),
);

export const pullRequestSchema = z.lazy(() => pullRequestObject());

function pullRequestObject() {
  return z.object({
    number: z.number(),
    title: z.string(),
    state: z.enum(["open", "closed"]),
    html_url: z.string(),
    head: z.object({ ref: z.string() }),
    base: z.object({ ref: z.string() }),
  });
}

/** One pull request with the commits the preview reads (`GET /repos/{owner}/{repo}/pulls/{index}`). */
export const pullRequestDetailSchema = z.lazy(() =>
  z.extend(pullRequestObject(), {
    head: z.object({ ref: z.string(), sha: z.string() }),
    base: z.object({ ref: z.string() }),
    merge_base: z.string(),
  }),
);

export const permissionSchema = z.lazy(() => z.object({ permission: z.string() }));

export const fileWriteSchema = z.lazy(() =>
  z.object({
    content: z.nullable(z.object({ sha: z.string() })),
    commit: z.object({ sha: z.string() }),
  }),
);

/** `GET …/new_pin_allowed`. */
export const newPinAllowedSchema = z.lazy(() =>
  z.object({ issues: z.boolean(), pull_requests: z.boolean() }),
);

/** For answers whose body is not used (reactions). */
export const ignoredBody = z.unknown();
