/**
 * The healthy default world for the `aks-entra` provider: a pod in namespace `dev` running as
 * ServiceAccount `my-app-sa`, federated to user-assigned managed identity `my-app-mi`, reading secret
 * `db-password` from Key Vault `kv-demo` through the "Key Vault Secrets User" role. Every check passes.
 *
 * Scenarios state only what differs from this (design.md, "Scenario file"). The identifiers are
 * fictional but have the real shapes (GUIDs, ARM IDs, AKS regional issuer URL with trailing slash).
 */
import type { World } from './schema.ts';

export const DEFAULT_TENANT_ID = '72f0c4d1-5b3e-4a8f-9c21-6d7e8f9a0b1c';
export const DEFAULT_CLUSTER_GUID = 'c3a9e1f4-8d2b-4e6a-b5c7-1f0e9d8c7b6a';
export const DEFAULT_CLIENT_ID = '5b1e6c2a-3d4f-4a8b-9c0d-e1f2a3b4c5d6';
export const DEFAULT_PRINCIPAL_ID = 'a7b8c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d';
export const DEFAULT_SUBSCRIPTION_ID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
export const DEFAULT_ISSUER = `https://eastus.oic.prod-aks.azure.com/${DEFAULT_TENANT_ID}/${DEFAULT_CLUSTER_GUID}/`;
export const DEFAULT_VAULT_ID = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/rg-demo/providers/Microsoft.KeyVault/vaults/kv-demo`;
/** The audience the Azure Workload Identity webhook requests for the public cloud. */
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/** Returns a fresh deep copy of the default world (callers may mutate it). */
export function defaultWorld(): World {
  return {
    cluster: {
      oidcIssuer: { enabled: true, url: DEFAULT_ISSUER, reachable: true, provisioned: true },
      defaultIssuer: 'https://kubernetes.default.svc.cluster.local',
      signingKeys: [{ name: 'sa-key-1', published: true }],
      workloadIdentityWebhook: { installed: true, authorityHost: 'https://login.microsoftonline.com/' },
      kubernetesVersion: '1.31',
    },
    serviceAccount: {
      namespace: 'dev',
      name: 'my-app-sa',
      annotations: { 'azure.workload.identity/client-id': DEFAULT_CLIENT_ID },
    },
    pod: {
      name: 'my-app',
      labels: { 'azure.workload.identity/use': 'true' },
      annotations: {},
      containers: [{ name: 'app', env: {} }],
      nodeName: 'aks-nodepool1-12345678-vmss000000',
      createdBeforeWebhookLabel: false,
    },
    token: {
      audience: TOKEN_EXCHANGE_AUDIENCE,
      expirationSeconds: 3600,
      issuedSecondsAgo: 0,
      signingKey: 'sa-key-1',
      claims: {},
      tamperedAfterSigning: false,
    },
    identity: {
      kind: 'user-assigned',
      name: 'my-app-mi',
      clientId: DEFAULT_CLIENT_ID,
      principalId: DEFAULT_PRINCIPAL_ID,
      tenantId: DEFAULT_TENANT_ID,
      resourceId: `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/rg-demo/providers/Microsoft.ManagedIdentity/userAssignedIdentities/my-app-mi`,
      federatedCredentials: [
        {
          name: 'aks-dev-my-app',
          issuer: DEFAULT_ISSUER,
          subject: 'system:serviceaccount:dev:my-app-sa',
          audiences: [TOKEN_EXCHANGE_AUDIENCE],
          createdSecondsAgo: 3600,
        },
      ],
    },
    request: { scope: 'https://vault.azure.net/.default' },
    resource: {
      kind: 'key-vault-secret',
      id: DEFAULT_VAULT_ID,
      secret: 'db-password',
      permissionModel: 'rbac',
      accessPolicies: [],
    },
    roleAssignments: [
      { principalId: DEFAULT_PRINCIPAL_ID, role: 'Key Vault Secrets User', scope: DEFAULT_VAULT_ID, createdSecondsAgo: 86400 },
    ],
  };
}
