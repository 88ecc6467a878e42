/** What the token says (iss, sub, aud), read from the engine's minted token: the values a credential must hold. */
import type { ChainResult } from '../../engine/types.ts';

/** `who` names the workload whose token it is (default: the pod). */
export function TokenFacts({ result, who = 'pod' }: { result?: ChainResult | undefined; who?: string }) {
  const p = result?.artifacts.token?.payload;
  return (
    <div className="panel token-facts" data-testid="token-facts">
      <h3>What the {who}’s token says</h3>
      {!p ? (
        <p className="muted">Minting the token…</p>
      ) : (
        <dl className="facts">
          <dt>
            <code>iss</code> issuer
          </dt>
          <dd>
            <code className="value">{JSON.stringify(p.iss)}</code>
          </dd>
          <dt>
            <code>sub</code> subject
          </dt>
          <dd>
            <code className="value">{JSON.stringify(p.sub)}</code>
          </dd>
          <dt>
            <code>aud</code> audience
          </dt>
          <dd>
            <code className="value">{JSON.stringify(p.aud)}</code>
          </dd>
        </dl>
      )}
    </div>
  );
}
