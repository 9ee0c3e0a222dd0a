/**
 * Marks a switch as exhaustive: adding a member to the union makes the call site fail to compile.
 *
 * @example switch (kind) { case 'a': ...; default: return assertNever(kind); }
 */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
