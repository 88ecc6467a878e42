/**
 * The /embed/ island: reads a share link's scenario from the URL fragment (`#s=1.…`), validates it
 * (decodeShare), runs the chain in the browser with the engine (runChain + a KeyStore) and renders the
 * verdict, the failing stage's error and fix, the six-box chain and the stage list with the same
 * component (and the same fixed-height layout) as the static embed (EmbedResult.tsx). A missing,
 * damaged or too-new link shows a clear message instead; nothing is thrown. Re-runs when the fragment
 * changes. The scenario's `now` is used when the link has one, the viewer's clock otherwise.
 */
import { useEffect, useRef, useState } from 'react';
import { runChain } from '../../engine/chain.ts';
import { createKeyStore, type KeyStore } from '../../engine/issuer.ts';
import type { ChainResult } from '../../engine/types.ts';
import { decodeShare } from '../../lib/share.ts';
import { EmbedResult } from './EmbedResult.tsx';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; error: string }
  | { kind: 'ok'; title: string; result: ChainResult; fragment: string };

export default function EmbedFromHash() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const keys = useRef<KeyStore | null>(null);

  useEffect(() => {
    let run = 0;
    async function load() {
      const mine = ++run;
      const fragment = window.location.hash;
      const decoded = await decodeShare(fragment);
      if (mine !== run) return;
      if (!decoded.ok) {
        setState({ kind: 'error', error: decoded.error });
        return;
      }
      try {
        keys.current ??= createKeyStore();
        const now = decoded.scenario.now ? new Date(decoded.scenario.now) : new Date();
        const result = await runChain(decoded.world, { now, keys: keys.current });
        if (mine !== run) return;
        setState({ kind: 'ok', title: decoded.scenario.title, result, fragment });
      } catch (err) {
        if (mine !== run) return;
        setState({ kind: 'error', error: `The simulator could not run this scenario: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
    void load();
    window.addEventListener('hashchange', load);
    return () => {
      run++;
      window.removeEventListener('hashchange', load);
    };
  }, []);

  if (state.kind === 'loading') {
    return (
      <p className="muted" role="status" data-testid="embed-loading">
        Reading the scenario from the link…
      </p>
    );
  }
  if (state.kind === 'error') {
    return (
      <>
        <h1 className="embed__title">Workload Identity Lab</h1>
        <div className="embed__message" role="alert" data-testid="embed-error">
          <p>
            <strong>This embed could not show a scenario.</strong> {state.error}
          </p>
          <p>
            <a href="/scenarios/" target="_blank" rel="noopener">
              Browse the scenarios
            </a>{' '}
            or{' '}
            <a href="/playground/" target="_blank" rel="noopener">
              open the playground
            </a>
            .
          </p>
        </div>
      </>
    );
  }
  const { title, result, fragment } = state;
  return (
    <EmbedResult
      result={result}
      title={title}
      playgroundHref={`/playground/${fragment}`}
      more={{ href: `/playground/${fragment}`, text: 'Open in Workload Identity Lab', after: 'to change this configuration.' }}
      live
    />
  );
}
