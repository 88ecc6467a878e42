/**
 * Wording for the shared Entra stages on any cluster running the Azure Workload Identity webhook: values
 * are configured on the ServiceAccount (the webhook copies its annotations into the pod, reference B3) and
 * the token comes from the kubelet (reference A1–A3). A provider overrides what differs on its platform
 * (where to copy the issuer from, how keys rotate).
 */
import type { ProviderHints } from '../hints.ts';
import { q } from '../format.ts';
import { WI } from './constants.ts';

/** The hints of a webhook cluster; `issuerFix` and `unknownKidFix` are platform-specific (see each provider). */
export function clusterHints(platform: Pick<ProviderHints, 'issuerFix' | 'unknownKidFix'>): ProviderHints {
  return {
    workload: 'pod',
    clientIdFix(source, world) {
      const want = `${world.identity.name}'s client ID (${world.identity.clientId})`;
      if (source === 'request-option') return `The app passes this client ID in its own options, which wins over AZURE_CLIENT_ID: pass ${want}, or drop the option so AZURE_CLIENT_ID is used.`;
      if (source === 'container-env') {
        return `The container spec sets AZURE_CLIENT_ID itself, and the webhook never overwrites a variable that is already set: delete it from the manifest so the webhook injects ${want} from the ServiceAccount annotation, then roll the pods.`;
      }
      return `Put ${want} in the ServiceAccount annotation ${WI.clientId} (az identity show -g <rg> -n ${world.identity.name} --query clientId -o tsv), then recreate the pods so the webhook injects it.`;
    },
    unknownClientFix: (looksLikeArmId) => `Put the managed identity's client ID (a GUID: az identity show --query clientId) in the ServiceAccount annotation ${WI.clientId}${looksLikeArmId ? ', not its resource ID' : ''}.`,
    wrongTenantFix: (tenantId) => `Send the request to the identity's tenant: set ${WI.tenantId} on the ServiceAccount (or AZURE_TENANT_ID) to ${tenantId}.`,
    issuerWhitespaceFix: 'Fix the issuer configuration (--service-account-issuer) so iss carries no whitespace.',
    entraIssuedFix: 'Present a token from an external OIDC issuer (the cluster\'s service account token), not an Entra ID access token.',
    lifetimeTooLongFix: 'Request a shorter token (the webhook allows at most 86400 seconds) and keep the iat claim.',
    subjectNote: 'Expected is the token\'s sub; actual is the closest subject among the credentials with this issuer. Case-sensitive exact match: system:serviceaccount:<namespace>:<name>.',
    subjectFix: (sub) => `Set the federated credential's subject to ${q(sub)}, or add a credential for this namespace and ServiceAccount.`,
    badSignatureFix: 'Use the token exactly as the kubelet wrote it; no one can change a claim without the issuer\'s private key.',
    expiredFix: 'Re-read the token file before every exchange (current Azure SDKs do); the kubelet refreshes it at 80% of its lifetime.',
    notYetValidFix: 'Fix the clock on the cluster\'s nodes / control plane (NTP).',
    ...platform,
  };
}
