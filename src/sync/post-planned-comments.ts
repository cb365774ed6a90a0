/** The plan's comments that go with no write (§3.1 conflict reports), each posted once. */
import type { PlannedComment } from "../core/plan/types.js";
import { type PostingContext, plannedPost, postOnce } from "./post-once.js";
import { runLimited } from "./run-limited.js";

/** Posts what is not posted yet; returns one failure line per comment that could not be posted. */
export async function postPlannedComments(
  comments: readonly PlannedComment[],
  options: PostingContext & { concurrency: number },
): Promise<string[]> {
  const failures = await runLimited([...comments], options.concurrency, async (planned) => {
    try {
      await postOnce(plannedPost(options, planned));
      return null;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return `comment on #${planned.number} (${planned.findingId}): ${message}`;
    }
  });
  return failures.filter((failure): failure is string => failure !== null);
}
