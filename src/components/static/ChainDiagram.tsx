/**
 * The chain in its final state as plain HTML/CSS: six boxes (Pod → ServiceAccount → OIDC issuer →
 * Entra ID (federated credential) → Managed identity → Azure resource), each with an icon, a status word,
 * the failing code and the status of each of its stages. No JavaScript, no Mermaid: this is the no-JS
 * rendering used on scenario pages, embeds and as the text equivalent of the animated diagram.
 */
import { Fragment } from 'react';
import type { ChainResult } from '../../engine/types.ts';
import { chainNodes, SHORT_STAGE_NAMES, STATUS_TEXT } from './model.ts';
import './static.css';

export interface ChainDiagramProps {
  result: ChainResult;
  /** Caption under the boxes (default: none). */
  caption?: string;
  /** Compact (embeds): no role line and no per-stage line under each box (the stage list has them). */
  compact?: boolean;
}

export function ChainDiagram({ result, caption, compact = false }: ChainDiagramProps) {
  const nodes = chainNodes(result);
  return (
    <figure className={`wil-chain${compact ? ' wil-chain--compact' : ''}`} data-testid="chain">
      <ol className="wil-chain__nodes" aria-label={`The chain, from the pod to the ${nodes[nodes.length - 1]!.name}`}>
        {nodes.map((n) => {
          const t = STATUS_TEXT[n.status];
          const code = n.status === 'fail' || n.status === 'warn' ? n.code : undefined;
          return (
            <li key={n.id} className={`wil-node wil-node--${n.status}`} data-node={n.id} data-status={n.status}>
              <span className="wil-node__head">
                <span className="wil-node__icon" aria-hidden="true">
                  {t.icon}
                </span>
                <span className="wil-node__name">
                  {n.name}
                  {(compact ? n.shortRole : n.role) && <span className="wil-node__role"> ({compact ? n.shortRole : n.role})</span>}
                </span>
              </span>
              <span className="wil-node__state">
                <span className="wil-node__word">{t.word}</span>
                {/* The separator belongs to the code: it exists only when there is one, and static.css keeps
                    it from ever showing alone at the start or end of a line (in the column layouts the code
                    has a line of its own and no separator). */}
                {code && (
                  <>
                    {' '}
                    <span className="wil-node__code">
                      <span className="wil-node__sep" aria-hidden="true">
                        ·
                      </span>
                      {code}
                    </span>
                  </>
                )}
              </span>
              {n.stageStatus.length > 1 && !compact && (
                <span className="wil-node__stages">
                  {n.stageStatus.map((s, i) => (
                    <Fragment key={s.id}>
                      {i > 0 && ' '}
                      {/* One unbreakable item: icon, name and its comma stay on one line. */}
                      <span className={`wil-node__stage wil-node__stage--${s.status}`}>
                        <span aria-hidden="true">{STATUS_TEXT[s.status].icon}</span>
                        <span className="visually-hidden">{STATUS_TEXT[s.status].word}:</span> {SHORT_STAGE_NAMES[s.id]}
                        {i < n.stageStatus.length - 1 && ','}
                      </span>
                    </Fragment>
                  ))}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {caption && <figcaption className="wil-chain__caption">{caption}</figcaption>}
    </figure>
  );
}
