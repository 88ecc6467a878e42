/**
 * The github-entra provider: a GitHub Actions job's OIDC ID token, exchanged by azure/login at Microsoft
 * Entra ID (other-providers.md §1). Own slots: admission (job permissions and azure/login inputs),
 * projected-token (the ID token GitHub mints), issuer-discovery (GitHub's public documents), authorization
 * (az login's subscription step first, then Azure RBAC). Shared: client lookup, credential match,
 * signature, time window, access token (entra/), RBAC (azure/). Slot map and sources: README.md here.
 */
import { z } from '../../zod.ts';
import type { Provider } from '../../provider.ts';
import type { ChainContext } from '../../context.ts';
import type { ProviderHints } from '../../hints.ts';
import type { Stage } from '../../stage.ts';
import { WorldSchema } from '../../schema.ts';
import { defaultWorld } from '../../defaults.ts';
import { signTokenWithHeader, jwksDocument } from '../../issuer.ts';
import { clientLookup } from '../../entra/clientLookup.ts';
import { federationMatch } from '../../entra/federationMatch.ts';
import { verifyWithJwks } from '../../entra/signature.ts';
import { lifetime } from '../../entra/lifetime.ts';
import { accessToken } from '../../entra/accessToken.ts';
import { directoryIdentities } from '../../entra/directory.ts';
import { credentialWriteErrors } from '../../entra/credentialWrites.ts';
import { authorization as rbac } from '../../azure/authorization.ts';
import { roleAssignmentErrors } from '../../azure/roleAssignments.ts';
import { GithubSchema, type GithubWorld } from './schema.ts';
import { defaultGithub, defaultGithubFederatedCredential, defaultGithubRequest, defaultGithubRoleAssignment } from './defaults.ts';
import { githubIssuer } from './claims.ts';
import { githubAdmission } from './admission.ts';
import { githubProjectedToken } from './token.ts';
import { githubDiscoveryDocument, githubIssuerDiscovery } from './discovery.ts';
import { subscriptionLogin } from './authorization.ts';
import { githubHints } from './hints.ts';
import { GITHUB_ENTRA_STAGE_TITLES } from './titles.ts';

/** The github-entra world: the Entra side of the shared world plus `github` (the job and azure/login). */
export const GithubEntraWorldSchema = WorldSchema.pick({ identity: true, otherIdentities: true, request: true, resource: true, roleAssignments: true })
  .extend({ github: GithubSchema })
  .strict();
export type GithubEntraWorld = z.infer<typeof GithubEntraWorldSchema>;

/** The key store name of GitHub's signing key (one key; GitHub's real kid format is not modelled). */
const KEY = 'github-actions-oidc';

/**
 * The healthy default: a push to main of contoso/webapp with `id-token: write`, azure/login with the
 * default identity, a credential for the branch subject, Contributor on the subscription, and an ARM read
 * of a resource group (what az commands after the login do).
 */
export function defaultGithubEntraWorld(): GithubEntraWorld {
  const w = defaultWorld();
  const sub = defaultGithubRoleAssignment().scope;
  return {
    github: defaultGithub(),
    identity: { ...w.identity, federatedCredentials: [defaultGithubFederatedCredential()] },
    request: defaultGithubRequest(),
    resource: { kind: 'arm', id: `${sub}/resourceGroups/rg-demo`, permissionModel: 'rbac', accessPolicies: [] },
    roleAssignments: [defaultGithubRoleAssignment()],
  };
}

/** The shared stages' wording for this job (hints.ts of this folder; each text cites its source there). */
export function githubProviderHints(g: GithubWorld): ProviderHints {
  return {
    workload: 'workflow job',
    clientIdFix: () => githubHints.clientIdFix(g),
    unknownClientFix: () => githubHints.clientIdFix(g),
    wrongTenantFix: () => githubHints.tenantFix(g),
    issuerWhitespaceFix: 'Present the ID token GitHub issued, unchanged: its iss is GitHub\'s issuer URL with no whitespace.',
    entraIssuedFix: 'Present the GitHub Actions ID token (what azure/login gets from core.getIDToken), not an Entra ID access token.',
    lifetimeTooLongFix: 'Present the ID token GitHub issued, unchanged: GitHub ID tokens live about 5 minutes.',
    issuerFix: (iss) => githubHints.issuerFix(iss),
    subjectNote: githubHints.subjectCheckNote(),
    subjectFix: (sub) => githubHints.subjectFix(sub, g),
    audienceFix: (aud) => githubHints.audienceFix(aud, g),
    unknownKidFix: 'Re-run the job so GitHub issues a new token, signed with a key it publishes now.',
    badSignatureFix: 'Present the token exactly as GitHub issued it; no one can change a claim without GitHub\'s private key.',
    expiredFix: githubHints.expiredFix(),
    notYetValidFix: 'Check the clock of the machine that presents the token: Entra ID sees it before the token\'s nbf.',
  };
}

type Ctx = ChainContext<GithubEntraWorld>;

export const githubEntra: Provider<GithubEntraWorld, Ctx> = {
  id: 'github-entra',
  title: 'GitHub Actions → Microsoft Entra ID',
  stageTitles: GITHUB_ENTRA_STAGE_TITLES,
  hints: githubProviderHints(defaultGithub()),
  worldSchema: GithubEntraWorldSchema,
  defaultWorld: defaultGithubEntraWorld,
  context({ world, now, keys }) {
    const issuer = githubIssuer(world.github);
    return {
      world,
      now,
      keys,
      artifacts: { issuer, discovery: githubDiscoveryDocument(world.github), jwks: { keys: [] }, env: {} },
      env: {},
      authorityHost: 'https://login.microsoftonline.com/',
      hints: githubProviderHints(world.github),
    };
  },
  stages: {
    admission(ctx) {
      const adm = githubAdmission(ctx.world.github);
      ctx.env = { ...adm.env };
      ctx.artifacts.env = { ...adm.env };
      if (adm.clientId !== undefined) ctx.clientId = adm.clientId;
      if (adm.tenantId !== undefined) ctx.tenantId = adm.tenantId;
      ctx.clientIdSource = 'action-input';
      return adm.stage;
    },
    async 'projected-token'(ctx) {
      const key = await ctx.keys.get(KEY);
      const t = githubProjectedToken(ctx.world.github, ctx.now, key.kid);
      const header = { ...t.header, alg: 'RS256', kid: key.kid };
      const jwt = await signTokenWithHeader(t.payload, key, header);
      ctx.jwt = jwt;
      ctx.payload = t.payload;
      ctx.header = header;
      ctx.artifacts.token = { jwt, header: { ...header }, payload: t.payload };
      return t.stage;
    },
    'client-lookup': clientLookup,
    'federation-match': federationMatch,
    async 'issuer-discovery'(ctx) {
      const d = githubIssuerDiscovery(ctx.world.github);
      ctx.artifacts.discovery = d.discovery;
      ctx.artifacts.jwks = jwksDocument([await ctx.keys.get(KEY)]);
      return d.stage;
    },
    signature: (ctx) => verifyWithJwks(ctx.jwt ?? '', ctx.header ?? {}, ctx.payload ?? {}, ctx.artifacts.jwks, ctx.hints),
    lifetime(ctx) {
      const r = lifetime(ctx);
      const exp = ctx.payload?.exp;
      if (r.code === 'AADSTS700024' && typeof exp === 'number' && ctx.now >= exp) r.summary = githubHints.expiredSummary(ctx.now - exp);
      return r;
    },
    'access-token': accessToken,
    authorization(ctx): Stage {
      const g = ctx.world.github;
      const who = ctx.caller ?? directoryIdentities(ctx.world)[0]!;
      const login = subscriptionLogin({
        clientId: ctx.clientId ?? who.clientId,
        principalId: who.principalId,
        ...(g.azureLogin.subscriptionId !== undefined ? { subscriptionId: g.azureLogin.subscriptionId } : {}),
        allowNoSubscriptions: g.azureLogin.allowNoSubscriptions,
        roleAssignments: ctx.world.roleAssignments,
      });
      if (login.failure) return login.failure;
      const r = rbac(ctx);
      return { ...r, checks: [...login.checks, ...r.checks] };
    },
  },
  publishedKeys: async (_w, keys) => [await keys.get(KEY)],
  configErrors: (world) => [...credentialWriteErrors(world), ...roleAssignmentErrors(world)],
};

