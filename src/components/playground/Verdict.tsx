/**
 * The verdict banner: "Granted" or "Denied at <stage> — <code>", with an icon and a word (never colour
 * alone). It is a polite live region, so each new verdict is announced. When the failing stage's rule is
 * uncertain (the reference could not confirm it), the banner says so, not only the stage below.
 * With a `disclosure` below `explained` (challenges), the failing stage's diagnosis and uncertainty note
 * are held back like in the stage list (engine/disclosure.ts decides which fields those are).
 */
import { discloseStage, type DisclosureLevel } from '../../engine/disclosure.ts';
import type { ChainResult } from '../../engine/types.ts';
import { Prose } from '../static/Prose.tsx';
import type { InputId } from './store.ts';

export const INPUT_LABELS: Record<InputId, string> = {
  fic: 'Federated identity credentials',
  sa: 'ServiceAccount',
  pod: 'Pod',
  advanced: 'Cluster, identity, request, resource and role assignments',
  workflow: 'Workflow job',
  audience: 'Audience',
  expirationSeconds: 'Expiration',
  issuedSecondsAgo: 'Issued ago',
};

export function verdictText(result: ChainResult): string {
  if (result.outcome === 'granted') return 'Granted';
  const stage = result.stages.find((s) => s.id === result.failedStage);
  return `Denied at ${stage?.title ?? result.failedStage ?? 'an unknown stage'}${result.code ? ` — ${result.code}` : ''}`;
}

/**
 * `disclosure` (optional): the engine's disclosure level for the failing stage, and the words completing
 * "Why it failed: …" when its diagnosis is held back. Default: everything is shown.
 */
export function Verdict({
  result,
  busy,
  invalid,
  disclosure,
}: {
  result?: ChainResult;
  busy: boolean;
  invalid: InputId[];
  disclosure?: { level: DisclosureLevel; explanationLater: string };
}) {
  if (!result) {
    return (
      <div className="verdict verdict--pending" data-testid="verdict" data-outcome="pending" role="status">
        <span className="verdict__icon" aria-hidden="true">
          …
        </span>
        <div className="verdict__body">
          <p className="verdict__word">Checking the chain…</p>
          <p className="verdict__detail">Running the nine stages on the default configuration.</p>
        </div>
      </div>
    );
  }
  const granted = result.outcome === 'granted';
  const failedStage = result.stages.find((s) => s.id === result.failedStage);
  const failed = failedStage && discloseStage(failedStage, disclosure?.level ?? 'full');
  const w = result.world;
  const warnings = result.stages.filter((s) => s.status === 'warn').length;
  const gh = (w as unknown as { github?: { owner: string; repo: string; workflowFile: string } }).github;
  // Plain text (rendered as text): who got the token, in the provider's own terms.
  const who = gh ? `The workflow job (${gh.owner}/${gh.repo}, ${gh.workflowFile})` : `Pod ${w.pod?.name} (ServiceAccount ${w.serviceAccount?.namespace}/${w.serviceAccount?.name})`;
  const detail = granted
    ? `${who} got an access token as ${w.identity.name}, and the resource allowed the request.${
        warnings ? ` ${warnings} stage${warnings > 1 ? 's' : ''} passed with a warning: see below.` : ''
      }`
    : failed?.withheld.summary
      ? `The error, as the service printed it, is in the failed stage below. Why it failed: ${disclosure?.explanationLater ?? 'not shown here.'}`
      : failed?.summary;
  return (
    <div className={`verdict verdict--${result.outcome}`} data-testid="verdict" data-outcome={result.outcome} role="status">
      <span className="verdict__icon" aria-hidden="true">
        {granted ? '✓' : '✗'}
      </span>
      <div className="verdict__body">
        <p className="verdict__word">{verdictText(result)}</p>
        {detail && <p className="verdict__detail">{detail}</p>}
        {!granted && failed?.uncertain && (
          <p className="verdict__uncertain" data-testid="verdict-uncertain">
            <strong>Uncertain:</strong> <Prose text={failed.uncertain} />
          </p>
        )}
        {invalid.length > 0 && (
          <p className="verdict__stale">
            <span aria-hidden="true">⚠ </span>
            Showing the last valid configuration: fix {invalid.map((i) => INPUT_LABELS[i]).join(', ')} to update.
          </p>
        )}
      </div>
      <span className={`verdict__busy${busy ? ' is-busy' : ''}`} aria-hidden="true">
        {busy ? 'Updating…' : ''}
      </span>
    </div>
  );
}
