/**
 * What IAM refuses when the configuration is WRITTEN: a trust policy or permission policy that is not valid
 * policy grammar (`MalformedPolicyDocument`, the error code of UpdateAssumeRolePolicy / PutRolePolicy in the
 * IAM API reference). The messages are the simulator's located explanation; IAM's own wording differs and is
 * marked uncertain. The chain still evaluates the statements that could be read.
 */
import type { ConfigError } from '../../types.ts';
import { parsePolicy } from './iam/parse.ts';
import type { IrsaWorld } from './schema.ts';

const UNCERTAIN = 'IAM refuses such a policy with MalformedPolicyDocument; its exact message is not reproduced here.';

/** Every policy problem in the world, with its path. */
export function irsaConfigErrors(w: IrsaWorld): ConfigError[] {
  const docs: [unknown, string][] = [[w.role.trustPolicy, 'role.trustPolicy'], ...w.role.permissionPolicies.map((p, i): [unknown, string] => [p.document, `role.permissionPolicies[${i}].document`])];
  return docs.flatMap(([doc, path]) => parsePolicy(doc, path).issues.map((i) => ({ code: 'MalformedPolicyDocument', message: i.message, path: i.path, uncertain: UNCERTAIN })));
}
