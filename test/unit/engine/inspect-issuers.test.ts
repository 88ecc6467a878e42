/**
 * /inspect/ recognises the issuing platform from iss (other-providers.md §1.1, §2.2, §2.3; reference B2)
 * and compares a GitHub Actions token with GitHub's own forms, not with a Kubernetes token.
 */
import { describe, expect, it } from 'vitest';
import { recognizeIssuer } from '../../../src/engine/inspect/issuerKind.ts';
import { claimShapeNotes } from '../../../src/engine/inspect/compare.ts';

describe('recognizeIssuer', () => {
  it.each([
    ['https://token.actions.githubusercontent.com', 'github-entra'],
    ['https://token.actions.githubusercontent.com/contoso-enterprise', 'github-entra'],
    ['https://oidc.eks.us-east-1.amazonaws.com/id/B7E3F1A94C2D6E8F0A1B2C3D4E5F6A7B', 'eks-entra'],
    ['https://oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC123', 'eks-entra'],
    ['https://container.googleapis.com/v1/projects/p/locations/us-central1-f/clusters/c', 'gke-entra'],
    ['https://eastus.oic.prod-aks.azure.com/72f0c4d1-5b3e-4a8f-9c21-6d7e8f9a0b1c/c3a9e1f4-8d2b-4e6a-b5c7-1f0e9d8c7b6a/', 'aks-entra'],
  ])('%s → %s', (iss, provider) => {
    expect(recognizeIssuer(iss)?.provider).toBe(provider);
  });
  it('leaves other issuers (self-managed, look-alikes) unrecognised', () => {
    for (const iss of ['https://acct.blob.core.windows.net/$web/', 'https://token.actions.githubusercontent.com.evil.example', 'http://token.actions.githubusercontent.com', 42, undefined]) {
      expect(recognizeIssuer(iss)).toBeUndefined();
    }
  });
});

describe('claimShapeNotes for a GitHub Actions token', () => {
  const header = { typ: 'JWT', alg: 'RS256', kid: 'x' };
  const p = { iss: 'https://token.actions.githubusercontent.com', sub: 'repo:contoso/webapp:ref:refs/heads/main', aud: 'api://AzureADTokenExchange', iat: 1000, exp: 1300 };
  it('finds nothing unusual in a token as GitHub issues it for azure/login', () => {
    const notes = claimShapeNotes(header, p);
    expect(notes.map((n) => n.name)).not.toContain('kubernetes.io');
    expect(notes.filter((n) => !n.ok)).toEqual([]);
  });
  it('flags the owner-URL default audience and a Kubernetes-style subject', () => {
    const notes = claimShapeNotes(header, { ...p, aud: 'https://github.com/contoso', sub: 'system:serviceaccount:dev:app' });
    expect(notes.filter((n) => !n.ok).map((n) => n.name).sort()).toEqual(['aud', 'sub']);
  });
});
