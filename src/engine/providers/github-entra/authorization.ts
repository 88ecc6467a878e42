/**
 * The github-entra addition to the `authorization` slot: inside the login step, after a successful
 * exchange, `az login` lists the subscriptions the identity can see, and azure/login then selects
 * `subscription-id` with `az account set`. An identity with no role on any subscription fails the step
 * with "No subscriptions found for <client-id>." unless allow-no-subscriptions is true (ref. §1.5).
 *
 * Sources: ../shared/reference/other-providers.md §1.5 (Azure/login #213, #464, #556; Azure/login #592 for
 * propagation); Azure/login `src/Cli/AzureCliLogin.ts` (`callCliLogin`: `--allow-no-subscriptions`, then
 * `account set --subscription` whenever subscription-id is set); digitaldemocracy2030/kouchou-ai #682 for
 * the `account set` text.
 */
import type { Check } from '../../types.ts';
import { azureLoginFailedLine } from './admission.ts';
import { failStage, passStage, type Stage } from './stage.ts';

/** Azure RBAC propagation, as the shared engine models it ("up to ten minutes", AKS WI doc; E2). */
export const ROLE_PROPAGATION_SECONDS = 600;

/** How `az` exits when a command fails, as azure/login reports it (ref. §1.5). */
export const AZ_PROCESS_FAILED = "Error: The process '/usr/bin/az' failed with exit code 1";

/** One role assignment, as in the shared world. */
export interface RoleAssignmentLike {
  principalId: string;
  role: string;
  scope: string;
  createdSecondsAgo?: number;
}

/** What the subscription step needs. */
export interface SubscriptionLoginInput {
  /** The client ID azure/login logged in with (printed in the error). */
  clientId: string;
  /** The principal (object) ID of the identity Entra ID issued the token for. */
  principalId: string;
  /** azure/login's `subscription-id` input, when supplied. */
  subscriptionId?: string;
  /** azure/login's `allow-no-subscriptions` input. */
  allowNoSubscriptions: boolean;
  roleAssignments: readonly RoleAssignmentLike[];
}

const lower = (s: string) => s.toLowerCase();

/**
 * The subscription IDs (lower case) in which `principalId` holds a propagated role at any scope: the
 * subscription itself, a resource group or a resource in it.
 */
export function visibleSubscriptions(principalId: string, roleAssignments: readonly RoleAssignmentLike[]): string[] {
  const out = new Set<string>();
  for (const r of roleAssignments) {
    if (lower(r.principalId) !== lower(principalId)) continue;
    if ((r.createdSecondsAgo ?? ROLE_PROPAGATION_SECONDS) < ROLE_PROPAGATION_SECONDS) continue;
    const m = /^\/subscriptions\/([^/]+)/i.exec(r.scope);
    if (m) out.add(lower(m[1]!));
  }
  return [...out];
}

const SCOPE_UNCERTAIN =
  'The simulator lets a role at resource-group or resource scope make its subscription visible to az login (ARM lists a subscription to any principal with a role inside it); the reports only show the subscription-scope fix. A role younger than ten minutes counts as not yet visible, as intermittent failures right after assignment suggest (Azure/login #592, observed).';

/**
 * The checks and, on failure, the stage for az login's subscription step. `undefined` stage: the step
 * passes and the engine goes on with its usual authorization checks.
 */
export function subscriptionLogin(input: SubscriptionLoginInput): { checks: Check[]; failure?: Stage } {
  const subs = visibleSubscriptions(input.principalId, input.roleAssignments);
  const checks: Check[] = [];
  if (input.allowNoSubscriptions) {
    checks.push({ name: 'allow-no-subscriptions', expected: 'true (subscriptions optional)', actual: 'true', ok: true, note: 'az login --allow-no-subscriptions logs in at tenant level even when no subscription is visible.' });
  } else {
    checks.push({ name: 'subscriptions az login finds for the identity', expected: 'at least one', actual: subs.length ? `${subs.length}` : '(none)', ok: subs.length > 0, note: 'The identity needs a role on some subscription (or on a resource group or resource in one).' });
    if (!subs.length) {
      return {
        checks,
        failure: failStage(
          'The token exchange worked, but the identity holds no role on any subscription, so az login finds nothing to select and azure/login fails the step.',
          checks,
          `Error: No subscriptions found for ${input.clientId}.\n${azureLoginFailedLine(AZ_PROCESS_FAILED)}`,
          `Assign the identity a role on the subscription (for example az role assignment create --assignee-object-id ${input.principalId} --assignee-principal-type ServicePrincipal --role Reader --scope /subscriptions/${input.subscriptionId ?? '<subscription-id>'}), or set allow-no-subscriptions: true if the job only uses Microsoft Entra ID.`,
          { uncertain: SCOPE_UNCERTAIN },
        ),
      };
    }
  }
  if (input.subscriptionId !== undefined) {
    const ok = subs.includes(lower(input.subscriptionId));
    checks.push({ name: "subscription-id among them (az account set)", expected: input.subscriptionId, actual: subs.length ? subs.join(', ') : '(none)', ok });
    if (!ok) {
      return {
        checks,
        failure: failStage(
          `az login succeeded, but the subscription ${input.subscriptionId} is not one the identity can see, so azure/login's az account set fails.`,
          checks,
          `Error: The subscription of '${input.subscriptionId}' doesn't exist in cloud 'AzureCloud'.\n${azureLoginFailedLine(AZ_PROCESS_FAILED)}`,
          `Check subscription-id for typos, and assign the identity a role on subscription ${input.subscriptionId}.`,
          { uncertain: `The az account set text is from one public run log (digitaldemocracy2030/kouchou-ai #682, a mistyped ID). ${SCOPE_UNCERTAIN}` },
        ),
      };
    }
  }
  return { checks };
}

/**
 * The failing `authorization` stage when the identity has no role on any subscription and
 * allow-no-subscriptions is false (ref. §1.5), or when subscription-id is not among the visible ones;
 * `undefined` when the login step gets past its subscription step.
 */
export function noSubscriptionsFailure(input: SubscriptionLoginInput): Stage | undefined {
  return subscriptionLogin(input).failure;
}

/** A passing authorization stage for a login-only job (no resource access beyond az login). */
export function subscriptionLoginPass(input: SubscriptionLoginInput): Stage {
  const r = subscriptionLogin(input);
  return r.failure ?? passStage('az login found a subscription for the identity; azure/login prints "Azure CLI login succeeds by using OIDC." (AzureCliLogin.ts).', r.checks);
}
