/**
 * The issuer an EKS cluster puts in `iss`, and its shape checks (shared by eks-entra and eks-irsa; the OIDC ID
 * note is worded for Entra ID as the relying party, and eks-irsa/token.ts rewords it).
 *
 * `iss` = `https://oidc.eks.<region>.amazonaws.com/id/<ID>`, no trailing slash, `<ID>` upper-case hex
 * (other-providers.md §2.2; workload-identity.md F1; aws/amazon-eks-pod-identity-webhook README; real
 * error text with an upper-case ID in the rtfm.co.ua EKS OIDC article). China regions use the
 * `amazonaws.com.cn` suffix — **[observed]** in real-world-cases C34
 * (`https://oidc.eks.cn-north-1.amazonaws.com.cn/id/<OIDC_ID>`).
 */
import type { Check } from '../../types.ts';
import { issuerUrlChecks } from '../cluster-common/issuer.ts';
import { quote } from '../cluster-common/stage.ts';
import type { EksPlatform } from './platform.ts';

/**
 * The JWKS path EKS's discovery document names: `jwks_uri` = `{iss}/keys`. Source: AWS EKS user guide
 * "Fetch signing keys" (https://docs.aws.amazon.com/eks/latest/userguide/irsa-fetch-keys.html,
 * `curl https://oidc.eks.<region>.amazonaws.com/id/<ID>/keys`) and the served document quoted in
 * https://repost.aws/knowledge-center/eks-error-invalid-identity-token. (other-providers.md §2.1 marks it
 * uncertain; these AWS pages settle it.)
 */
export const EKS_JWKS_PATH = '/keys';

/** DNS suffix of the issuer host for a region: `amazonaws.com.cn` for `cn-*`, else `amazonaws.com`. */
export function eksDnsSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** Result of {@link eksIssuer}. */
export interface EksIssuer {
  /** The `iss` the cluster's tokens carry. */
  issuer: string;
  /** Shape checks of the platform facts (not-ok checks make the projected-token stage a warning). */
  checks: Check[];
  uncertain?: string;
}

/** The issuer of an EKS cluster from its region and OIDC ID, with shape checks. Never throws. */
export function eksIssuer(p: EksPlatform): EksIssuer {
  const region = String(p.region ?? '');
  const id = String(p.oidcId ?? '');
  const issuer = `https://oidc.eks.${region}.${eksDnsSuffix(region)}/id/${id}`;
  const checks: Check[] = [...issuerUrlChecks(issuer)];
  checks.push({
    name: 'EKS OIDC ID is upper-case hex',
    expected: 'upper-case hex, e.g. "FDF…F2F"',
    actual: quote(id),
    ok: /^[0-9A-F]+$/.test(id),
    note: 'EKS generates the ID in upper case; a lower-cased copy is a different issuer for Entra ID, which compares case-sensitively (other-providers.md §2.2).',
  });
  checks.push({ name: 'region', expected: 'an AWS region such as "us-east-1"', actual: quote(region), ok: /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region) });
  checks.push({ name: 'issuer has no trailing slash', expected: 'no "/" at the end', actual: issuer.endsWith('/') ? 'ends with "/"' : 'no "/" at the end', ok: !issuer.endsWith('/') });
  const cn = region.startsWith('cn-');
  return {
    issuer,
    checks,
    ...(cn
      ? { uncertain: 'The amazonaws.com.cn issuer host for China regions is from one real report (real-world-cases C34), not from AWS documentation.' }
      : region.startsWith('us-gov-')
        ? { uncertain: 'The issuer host for GovCloud regions was not found in our sources; amazonaws.com is assumed.' }
        : {}),
  };
}

/** How an EKS token's `iss` differs from an AKS one, for the claim explanation panel. */
export const EKS_ISS_EXPLANATION =
  'Issuer: the EKS cluster\'s OIDC issuer, https://oidc.eks.<region>.amazonaws.com/id/<ID> — no trailing slash, ID in upper case; a federated identity credential must name it exactly. The other claims (sub, aud, kubernetes.io) are built by Kubernetes as on AKS.';
