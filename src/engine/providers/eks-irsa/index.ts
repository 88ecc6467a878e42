/**
 * The `eks-irsa` provider: an Amazon EKS pod's projected service account token exchanged at AWS STS
 * (AssumeRoleWithWebIdentity) for an IAM role's temporary credentials, then used on S3 or Secrets Manager.
 * The relying cloud is AWS, not Entra ID, so no shared Entra stage runs; the nine slots are filled as
 * titles.ts lists. Sources: workload-identity.md F1 and the sources named in each module.
 */
import type { Provider } from '../../provider.ts';
import { keyIsPublished } from '../../kubernetes/constants.ts';
import { eksIssuer } from '../eks-common/issuer.ts';
import { eksDiscoveryDocument } from '../eks-common/discovery.ts';
import { IrsaWorldSchema, type IrsaWorld } from './schema.ts';
import { defaultIrsaWorld } from './defaults.ts';
import { IRSA_STAGE_TITLES } from './titles.ts';
import { irsaAdmission } from './admission.ts';
import { irsaProjectedToken } from './token.ts';
import { stsRequest, trustPolicy } from './sts.ts';
import { irsaDiscovery, irsaSignature, irsaLifetime } from './verify.ts';
import { irsaCredentials, irsaAuthorization } from './credentials.ts';
import { irsaConfigErrors } from './configErrors.ts';
import type { IrsaContext } from './context.ts';

export { IrsaWorldSchema, type IrsaWorld } from './schema.ts';
export { defaultIrsaWorld } from './defaults.ts';
export { IRSA_STAGE_TITLES } from './titles.ts';

export const eksIrsa: Provider<IrsaWorld, IrsaContext> = {
  id: 'eks-irsa',
  title: 'Amazon EKS → AWS IAM (IRSA)',
  stageTitles: IRSA_STAGE_TITLES,
  worldSchema: IrsaWorldSchema,
  defaultWorld: defaultIrsaWorld,
  context({ world, now, keys }) {
    const iss = eksIssuer(world.cluster.platform).issuer;
    const adm = irsaAdmission(world);
    return {
      world,
      now,
      keys,
      iss,
      env: {},
      audience: adm.audience,
      expirationSeconds: adm.expirationSeconds,
      artifacts: { issuer: iss, discovery: eksDiscoveryDocument(iss).served, jwks: { keys: [] }, env: {} },
    };
  },
  stages: {
    admission(ctx) {
      const adm = irsaAdmission(ctx.world);
      ctx.env = { ...adm.env };
      ctx.artifacts.env = { ...adm.env };
      return adm.stage;
    },
    'projected-token': irsaProjectedToken,
    'client-lookup'(ctx) {
      const s = stsRequest(ctx);
      if (ctx.jwt && (s.status === 'pass' || s.code === 'InvalidIdentityToken'))
        ctx.artifacts.exchangeRequest = {
          url: ctx.env.AWS_STS_REGIONAL_ENDPOINTS === 'regional' ? `https://sts.${ctx.world.cluster.platform.region}.amazonaws.com/` : 'https://sts.amazonaws.com/',
          form: { Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: ctx.env.AWS_ROLE_ARN ?? '', RoleSessionName: ctx.world.request.roleSessionName, WebIdentityToken: ctx.jwt },
        };
      return s;
    },
    'federation-match': trustPolicy,
    'issuer-discovery': irsaDiscovery,
    signature: irsaSignature,
    lifetime: irsaLifetime,
    'access-token': irsaCredentials,
    authorization: irsaAuthorization,
  },
  async publishedKeys(world, keys) {
    return Promise.all(world.cluster.signingKeys.filter(keyIsPublished).map((k) => keys.get(k.name)));
  },
  configErrors: irsaConfigErrors,
  // STS's order is undocumented; each STS failure says so itself (sts.ts), so no Entra note is added.
  laterFailures: () => [],
};

