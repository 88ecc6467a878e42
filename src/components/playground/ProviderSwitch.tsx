/**
 * The playground's provider switch: a labelled native `<select>` (keyboard accessible as every select is)
 * listing the providers of providers/labels.ts. Choosing one loads that provider's code on demand
 * (providerKits.ts `loadKit`) and switches the store (`switchProvider`); a polite status line says what
 * the switch kept and what it reset (store `switchNote`), or that loading failed. The address follows
 * (useShareUrl.ts: `?provider=`).
 */
import { useState } from 'react';
import { PROVIDER_LABELS } from '../../engine/providers/labels.ts';
import { loadKit } from './providerKits.ts';
import type { PlaygroundState, PlaygroundStore } from './store.ts';

export function ProviderSwitch({ store, state }: { store: PlaygroundStore; state: PlaygroundState }) {
  const [pending, setPending] = useState<{ id: string; error?: string } | undefined>();
  const choose = (id: string) => {
    if (id === store.getState().provider) return;
    setPending({ id });
    loadKit(id).then(
      (kit) => {
        setPending((p) => (p?.id === id ? undefined : p));
        store.switchProvider(kit);
      },
      () => setPending((p) => (p?.id === id ? { id, error: 'Could not load this provider. Check your connection and try again.' } : p)),
    );
  };
  const value = pending && !pending.error ? pending.id : state.provider;
  const status = pending?.error ?? (pending ? `Loading ${PROVIDER_LABELS.find((l) => l.id === pending.id)?.title ?? pending.id}…` : state.switchNote);
  return (
    <div className="provider-switch">
      <label htmlFor="provider-select" className="provider-switch__label">
        Federation
      </label>
      <select id="provider-select" data-testid="provider-select" value={value} onChange={(e) => choose(e.target.value)} aria-describedby="provider-status">
        {PROVIDER_LABELS.filter((l) => l.playground !== false).map((l) => (
          <option key={l.id} value={l.id}>
            {l.title}
          </option>
        ))}
      </select>
      <p id="provider-status" className="provider-switch__status" role="status" data-testid="provider-status">
        {status}
      </p>
    </div>
  );
}
