/**
 * The playground's provider switch (issue 11 §3): which parts a switch keeps and resets, the status
 * message, the GitHub workflow editor in the store, and the URL / share-link round trip per provider.
 * Real engine, frozen clock. Providers are loaded the way the page loads them (providerKits.ts loadKit:
 * dynamic import, then registered in providers/known.ts); this file never imports providers/registry.ts.
 */
import { describe, expect, it } from 'vitest';
import { runChain } from '../../src/engine/chain.ts';
import { createKeyStore } from '../../src/engine/issuer.ts';
import type { World } from '../../src/engine/types.ts';
import { createPlaygroundStore, providerInitialWorld, type PlaygroundStore } from '../../src/components/playground/store.ts';
import { DEFAULT_PROVIDER, loadedKit, loadKit, PLAYGROUND_PROVIDERS } from '../../src/components/playground/providerKits.ts';
import { switchWorld } from '../../src/components/playground/providerSwitch.ts';
import { loadShareHash, stateFragment } from '../../src/components/playground/shareLink.ts';
import { providerFromSearch, searchWithProvider } from '../../src/components/playground/useShareUrl.ts';
import { decodeShare, extractPayload, fromBase64Url, namedScenarioShare, playgroundPath } from '../../src/lib/share.ts';

const NOW = new Date('2026-01-15T10:00:00Z');
const keys = createKeyStore();
const engine = { run: (world: World, now: Date, provider: string) => runChain(world, { now, keys, provider }) };
const newStore = () => createPlaygroundStore(engine, () => NOW, { providers: { kit: loadedKit, switchWorld } });

async function settled(store: PlaygroundStore) {
  await store.flush();
  await store.flush();
  return store.getState();
}

/** The scenario JSON inside a `#s=1.…` fragment. */
async function payloadOf(fragment: string): Promise<Record<string, unknown>> {
  const data = extractPayload(fragment)!.slice(2);
  const stream = new Blob([fromBase64Url(data)! as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return JSON.parse(await new Response(stream).text()) as Record<string, unknown>;
}

describe('provider kits', () => {
  it('only aks-entra is loaded until a provider is asked for; loading registers it', async () => {
    expect(PLAYGROUND_PROVIDERS).toEqual(['aks-entra', 'github-entra', 'eks-entra', 'gke-entra', 'selfmanaged-entra']);
    expect(loadedKit(DEFAULT_PROVIDER)).toBeDefined();
    await expect(loadKit('no-such-provider')).rejects.toThrow(/no provider/);
    const kit = await loadKit('github-entra');
    expect(kit.shape).toBe('github');
    expect(loadedKit('github-entra')).toBe(kit);
  });
});

describe('switching provider', () => {
  it('from the untouched AKS default to GitHub: GitHub’s healthy default, everything AKS-only reset, and the chain passes', async () => {
    const store = newStore();
    store.start();
    await settled(store);
    store.switchProvider(await loadKit('github-entra'));
    const s = await settled(store);
    expect(s.provider).toBe('github-entra');
    expect(s.world).toEqual(providerInitialWorld(loadedKit('github-entra')!));
    expect(s.result?.provider).toBe('github-entra');
    expect(s.result?.outcome).toBe('granted');
    expect(s.texts.workflow).toMatch(/^jobs:\n {2}deploy:/m);
    expect(s.switchNote).toMatch(/^Switched to GitHub Actions → Microsoft Entra ID\./);
    expect(s.switchNote).toMatch(/Reset: the ServiceAccount, the Pod and the token request form \(a GitHub job has none\) and the cluster settings/);
    expect(s.switchNote).toMatch(/Nothing was edited on the shared Entra side/);
  });

  it('keeps an edited Entra side (credentials, role assignments) and says so', async () => {
    const store = newStore();
    store.start();
    await settled(store);
    const fics = JSON.parse(store.getState().texts.fic) as { subject: string }[];
    fics[0]!.subject = 'repo:contoso/webapp:environment:production';
    store.setText('fic', JSON.stringify(fics, null, 2));
    await settled(store);
    const editedRoles = store.getState().world.roleAssignments;
    store.switchProvider(await loadKit('github-entra'));
    const s = await settled(store);
    expect(s.world.identity.federatedCredentials[0]!.subject).toBe('repo:contoso/webapp:environment:production');
    // The untouched AKS role assignment was not carried over: GitHub's default (Contributor on the subscription).
    expect(s.world.roleAssignments).not.toEqual(editedRoles);
    expect(s.world.roleAssignments[0]!.role).toBe('Contributor');
    expect(s.switchNote).toMatch(/Kept your federated identity credentials\./);
  });

  it('between clusters keeps an edited ServiceAccount and resets the cluster (its issuer is the provider’s)', async () => {
    const store = newStore();
    store.start();
    await settled(store);
    store.switchProvider(await loadKit('eks-entra'));
    await settled(store);
    store.setText('sa', store.getState().texts.sa.replace('name: my-app-sa', 'name: other-sa'));
    await settled(store);
    expect(store.getState().world.serviceAccount.name).toBe('other-sa');
    store.switchProvider(await loadKit('gke-entra'));
    const s = await settled(store);
    expect(s.provider).toBe('gke-entra');
    expect(s.world.serviceAccount.name).toBe('other-sa');
    expect((s.world.cluster as { platform?: { kind: string } }).platform?.kind).toBe('gke');
    expect(s.world.cluster.oidcIssuer.url).toMatch(/^https:\/\/container\.googleapis\.com\/v1\/projects\//);
    expect(s.switchNote).toMatch(/Kept your ServiceAccount\./);
    expect(s.switchNote).toMatch(/Reset: the cluster settings/);
  });

  it('drops a kept part the new provider’s schema refuses and reports it', async () => {
    const aks = loadedKit('aks-entra')!;
    const gh = await loadKit('github-entra');
    const world = providerInitialWorld(aks) as unknown as Record<string, unknown>;
    const bad = { ...structuredClone(world), request: { scope: 'x'.repeat(5000) } };
    const r = switchWorld({ kit: aks, world: bad, defaults: world }, { ...gh, schema: gh.schema });
    // The world is always valid for the new provider.
    expect(gh.schema.safeParse(r.world).success).toBe(true);
    if (!r.kept.includes('the token request')) expect(r.reset.join(' ')).toMatch(/the token request \(GitHub Actions has no place for your version\)/);
  });

  it('reset goes back to the current provider’s default, not to AKS', async () => {
    const store = newStore();
    store.switchProvider(await loadKit('github-entra'));
    await settled(store);
    store.setText('workflow', store.getState().texts.workflow.replace('  deploy:\n', '  deploy:\n    environment: production\n'));
    await settled(store);
    store.reset();
    const s = await settled(store);
    expect(s.provider).toBe('github-entra');
    expect(s.world).toEqual(providerInitialWorld(loadedKit('github-entra')!));
    expect(s.switchNote).toBeUndefined();
  });
});

describe('the GitHub workflow editor', () => {
  it('environment: production under the job gives AADSTS700213 for repo:contoso/webapp:environment:production; fixing the credential grants access', async () => {
    const store = newStore();
    store.switchProvider(await loadKit('github-entra'));
    await settled(store);
    store.setText('workflow', store.getState().texts.workflow.replace('  deploy:\n', '  deploy:\n    environment: production\n'));
    let s = await settled(store);
    expect(s.errors.workflow).toBeUndefined();
    expect(s.result?.outcome).toBe('denied');
    expect(s.result?.failedStage).toBe('federation-match');
    expect(s.result?.code).toBe('AADSTS700213');
    const match = s.result!.stages.find((x) => x.id === 'federation-match')!;
    expect(JSON.stringify(match)).toContain('repo:contoso/webapp:environment:production');
    expect(JSON.stringify(match)).toContain('repo:contoso/webapp:ref:refs/heads/main');
    store.setText('fic', s.texts.fic.replace('repo:contoso/webapp:ref:refs/heads/main', 'repo:contoso/webapp:environment:production'));
    s = await settled(store);
    expect(s.result?.outcome).toBe('granted');
  });

  it('bad YAML: a located message, the last good world and result kept', async () => {
    const store = newStore();
    store.switchProvider(await loadKit('github-entra'));
    const before = await settled(store);
    store.setText('workflow', `${before.texts.workflow}\n  broken: [unclosed`);
    const s = await settled(store);
    expect(s.errors.workflow?.line).toBeGreaterThan(1);
    expect(s.errors.workflow?.message).toBeTruthy();
    expect(s.world).toEqual(before.world);
    expect(s.result).toBe(before.result);
  });
});

describe('URL and share links per provider', () => {
  it('?provider= reads and writes (absent for aks-entra)', () => {
    expect(providerFromSearch('?provider=github-entra')).toBe('github-entra');
    expect(providerFromSearch('?provider=nope')).toBeUndefined();
    expect(providerFromSearch('')).toBeUndefined();
    expect(searchWithProvider('', 'eks-entra')).toBe('?provider=eks-entra');
    expect(searchWithProvider('?provider=eks-entra&x=1', 'aks-entra')).toBe('?x=1');
    expect(playgroundPath('aks-entra', '#s=1.abc')).toBe('/playground/#s=1.abc');
    expect(playgroundPath('gke-entra', '#s=1.abc')).toBe('/playground/?provider=gke-entra#s=1.abc');
    expect(namedScenarioShare({ title: 't', world: {}, provider: 'aks-entra' })).not.toHaveProperty('provider');
    expect(namedScenarioShare({ title: 't', world: {}, provider: 'eks-entra' }).provider).toBe('eks-entra');
  });

  for (const id of PLAYGROUND_PROVIDERS) {
    it(`${id}: an edited state survives the link round trip, provider included`, async () => {
      const store = newStore();
      if (id !== DEFAULT_PROVIDER) store.switchProvider(await loadKit(id));
      await settled(store);
      const fics = JSON.parse(store.getState().texts.fic) as { subject: string }[];
      fics[0]!.subject = `${fics[0]!.subject}-edited`;
      store.setText('fic', JSON.stringify(fics, null, 2));
      const s = await settled(store);
      const fragment = await stateFragment(s);
      const payload = await payloadOf(fragment);
      if (id === DEFAULT_PROVIDER) expect(payload).not.toHaveProperty('provider');
      else expect(payload.provider).toBe(id);
      const decoded = await decodeShare(fragment);
      expect(decoded.ok).toBe(true);
      const other = newStore();
      const out = await loadShareHash(other, fragment);
      expect(out).toMatchObject({ status: 'loaded', provider: id });
      expect(other.getState().provider).toBe(id);
      expect(other.getState().world).toEqual(s.world);
      const o = await settled(other);
      expect(o.result?.provider).toBe(id);
      expect(o.result?.failedStage).toBe('federation-match');
    });
  }
});
