/**
 * Azure's write-time check on role assignments: the scope must be a resource ID. Pure.
 */
import type { ConfigError } from '../types.ts';
import type { EntraWorld } from '../entraWorld.ts';

/** One refusal per role assignment whose scope does not start with "/" (uncertain code and text). */
export function roleAssignmentErrors(world: EntraWorld): ConfigError[] {
  const out: ConfigError[] = [];
  world.roleAssignments.forEach((a, i) => {
    if (!a.scope.startsWith('/')) {
      out.push({
        code: 'InvalidScope',
        message: `The scope '${a.scope}' is not a valid resource ID.`,
        path: `roleAssignments[${i}].scope`,
        uncertain: 'Azure refuses a role assignment whose scope is not a resource ID, but the exact code and text were not captured in our sources.',
      });
    }
  });
  return out;
}
