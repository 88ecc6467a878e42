/**
 * Builds a non-AKS Kubernetes-cluster provider (eks-entra, gke-entra, selfmanaged-entra) from its
 * platform facts. Per other-providers.md §2 ("all three reuse the aks-entra chain from client-lookup
 * onwards unchanged"), every slot runs the shared stage except:
 * - admission: the three non-AKS states (webhook from Helm, hand-written, not installed), cluster-common/admission.ts;
 * - projected-token: the shared TokenRequest stage, with `iss` from the platform and the token the app
 *   actually presents (cluster-common/token.ts);
 * - federation-match: the shared match, plus issuer near-miss explanations when it fails;
 * - issuer-discovery: the platform's own documents, following `jwks_uri` (cluster-common/discovery.ts);
 * - signature: the shared check, optionally refined by the platform (self-managed: stale uploaded JWKS).
 * Wiring notes and fix-text sources: cluster-common/WIRING.md.
 */
import type { z } from '../../zod.ts';
import type { Provider } from '../../provider.ts';
import type { ProviderHints } from '../../hints.ts';
import type { Check } from '../../types.ts';
import type { Stage } from '../../stage.ts';
import type { IssuerKey, KeyStore } from '../../issuer.ts';
import { jwksDocument } from '../../issuer.ts';
import type { World } from '../../schema.ts';
import { clientLookup } from '../../entra/clientLookup.ts';
import { federationMatch } from '../../entra/federationMatch.ts';
import { verifyWithJwks } from '../../entra/signature.ts';
import { lifetime } from '../../entra/lifetime.ts';
import { accessToken } from '../../entra/accessToken.ts';
import { authorization } from '../../azure/authorization.ts';
import { admission as webhookAdmission } from '../../kubernetes/admission.ts';
import { projectedToken } from '../../kubernetes/projectedToken.ts';
import { configErrors } from '../../kubernetes/configErrors.ts';
import { publishedKeys } from '../../kubernetes/signingKeys.ts';
import { CLUSTER_STAGE_TITLES } from '../../kubernetes/titles.ts';
import { WI } from '../../kubernetes/constants.ts';
import type { ClusterContext } from '../../kubernetes/context.ts';
import type { ClusterAdmission } from './admission.ts';
import type { DiscoveryOutcome } from './discovery.ts';
import { clusterTokenRequest } from './token.ts';

/** What a cluster platform states; see the module comment. */
export interface ClusterProviderSpec<W extends World> {
  id: string;
  title: string;
  worldSchema: z.ZodType<W>;
  defaultWorld(): W;
  /** The `iss` of new tokens, from the platform facts, with shape checks. */
  issuer(world: W): { issuer: string; checks: Check[]; uncertain?: string | undefined };
  /** Fix when an issuer shape check fails (e.g. copy region and OIDC ID from `aws eks describe-cluster`). */
  issuerShapeFix(world: W): string;
  admission(world: W): ClusterAdmission;
  /** Entra ID's fetch of the discovery document and JWKS for `iss`. */
  discovery(world: W, iss: string): DiscoveryOutcome;
  /** The discovery document the platform serves for its issuer (the artifact before discovery runs). */
  discoveryDocument(world: W, issuer: string): Record<string, unknown>;
  /** The keys in the JWKS Entra ID downloads; default: published cluster keys (kubernetes/signingKeys.ts). */
  jwksKeys?(world: W, keys: KeyStore): Promise<IssuerKey[]>;
  /** Extra explanation when the credential match fails on the issuer. */
  ficHints?(iss: string, fics: W['identity']['federatedCredentials']): Check[];
  /** Refines the shared signature result. */
  signature?(world: W, stage: Stage): Stage;
  hints: ProviderHints;
}

type Ctx<W extends World> = ClusterContext & { world: W };

/** The stage status after checks were appended: a pass with a failed check becomes a warning. */
function restatus(s: Stage): Stage {
  return s.status === 'pass' && s.checks.some((c) => !c.ok) ? { ...s, status: 'warn' } : s;
}

/** A {@link Provider} for the platform described by `spec`. */
export function clusterProvider<W extends World>(spec: ClusterProviderSpec<W>): Provider<W, Ctx<W>> {
  const jwksKeys = (world: W, keys: KeyStore) => (spec.jwksKeys ? spec.jwksKeys(world, keys) : publishedKeys(world, keys));
  return {
    id: spec.id,
    title: spec.title,
    stageTitles: CLUSTER_STAGE_TITLES,
    hints: spec.hints,
    worldSchema: spec.worldSchema,
    defaultWorld: spec.defaultWorld,
    context({ world, now, keys }) {
      const iss = spec.issuer(world);
      return {
        world,
        now,
        keys,
        artifacts: { issuer: iss.issuer, discovery: spec.discoveryDocument(world, iss.issuer), jwks: { keys: [] }, env: {} },
        env: {},
        authorityHost: world.cluster.workloadIdentityWebhook.authorityHost,
        hints: spec.hints,
        expirationSeconds: world.token.expirationSeconds,
        issuerInUse: iss.issuer,
        issuerShape: { checks: iss.checks, fix: spec.issuerShapeFix(world), uncertain: iss.uncertain },
      };
    },
    stages: {
      admission(ctx) {
        const adm = spec.admission(ctx.world);
        let stage: Stage;
        if (adm.state === 'webhook' || !adm.stage) {
          const base = webhookAdmission(ctx);
          stage = restatus({ ...base, checks: [...base.checks, ...adm.checks] });
          if (stage.status === 'warn' && !base.fix && adm.checks.some((c) => !c.ok)) {
            stage.fix = `Remove AZURE_FEDERATED_TOKEN_FILE from the container spec so the app reads the webhook's token at ${WI.tokenFile} (audience api://AzureADTokenExchange).`;
          }
        } else {
          stage = adm.stage;
          const env = adm.env;
          ctx.env = { ...env };
          ctx.artifacts.env = { ...env };
          const { request } = ctx.world;
          const clientId = request.clientId || env.AZURE_CLIENT_ID;
          if (clientId !== undefined) ctx.clientId = clientId;
          const tenantId = request.tenantId || env.AZURE_TENANT_ID;
          if (tenantId !== undefined) ctx.tenantId = tenantId;
          ctx.clientIdSource = request.clientId ? 'request-option' : 'container-env';
        }
        if (stage.status !== 'fail') {
          const t = clusterTokenRequest(ctx.world, adm, ctx.issuerInUse, ctx.expirationSeconds);
          if (t.source !== 'webhook') ctx.tokenRequest = { audiences: t.audiences, expirationSeconds: t.expirationSeconds, tokenFile: t.tokenFile, uncertain: t.uncertain };
        }
        return stage;
      },
      'projected-token': projectedToken,
      'client-lookup': clientLookup,
      'federation-match'(ctx) {
        const r = federationMatch(ctx);
        if (r.status === 'fail' && r.code === 'AADSTS700211' && spec.ficHints) {
          const iss = typeof ctx.payload?.iss === 'string' ? ctx.payload.iss : '';
          const who = ctx.caller?.federatedCredentials ?? ctx.world.identity.federatedCredentials;
          return { ...r, checks: [...r.checks, ...spec.ficHints(iss, who)] };
        }
        return r;
      },
      async 'issuer-discovery'(ctx) {
        const iss = typeof ctx.payload?.iss === 'string' ? ctx.payload.iss : '';
        const outcome = spec.discovery(ctx.world, iss);
        if (outcome.document) ctx.artifacts.discovery = outcome.document;
        if (outcome.jwksUri) ctx.artifacts.jwks = jwksDocument(await jwksKeys(ctx.world, ctx.keys));
        return outcome.stage;
      },
      async signature(ctx) {
        const r = await verifyWithJwks(ctx.jwt ?? '', ctx.header ?? {}, ctx.payload ?? {}, ctx.artifacts.jwks, ctx.hints);
        return spec.signature ? spec.signature(ctx.world, r) : r;
      },
      lifetime,
      'access-token': accessToken,
      authorization,
    },
    publishedKeys: jwksKeys,
    configErrors,
  };
}
