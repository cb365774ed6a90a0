/**
 * A register of one finding in the plain shape the examples are written in: a field list whose
 * approach is a numbered list, a code span in `File`, a risk with a reason. The one-shot commands
 * parse a few of these while the real register is on its way (`ParseCache.prepare`), so that its
 * parse runs on code V8 has compiled and profiled, not on the interpreter's first pass.
 */
export function warmUpRegister(n: number): string {
  return `# Deferred errors

## WU-${n}: Module ${n} drops errors from its storage client

- **File:** \`src/module-${n}/index.ts:${10 + n}\`
- **Error:** Module ${n} swallows errors from its storage client
- **Category:** Reliability
- **Reason:** Fixing module ${n} needs a migration scheduled for the next quarter.
- **Suggested approach:**
  1. Add a typed error for module ${n}
  2. Propagate storage failures from module ${n} to the caller
  3. Add a regression test that fails when module ${n} hides an error
- **Risk:** Low — internal only

---
`;
}
