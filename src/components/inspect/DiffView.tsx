/**
 * One federated credential compared with the token, field by field (issuer, subject, audience).
 *
 * A differing field shows the engine's character-level segments as aligned pairs of rows (the token's
 * value over the credential's), wrapped at the same column so they stay aligned at any width:
 * characters only in the token are a `<del>` in a solid box, characters only in the credential an
 * `<ins>` with a dotted underline, and a dashed empty box marks where the other value has characters
 * this one lacks. A caret row points at the first differing character; whitespace shows as ␣ (and
 * friends). Screen readers get the same comparison as two plain sentences with the differing runs
 * labelled ("[only in the token: /]"), plus the first difference and the explanation in words.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import type { FieldComparison } from '../../engine/inspect.ts';
import { caretLabel, describeFirstDifference, diffLines, hasInvisible, visibleText, VISIBLE_NAMES, type DiffPiece } from './model.ts';

const FIELD_NAMES: Record<FieldComparison['field'], { token: string; credential: string }> = {
  issuer: { token: 'The token’s iss', credential: 'the credential’s issuer' },
  subject: { token: 'The token’s sub', credential: 'the credential’s subject' },
  audience: { token: 'The token’s aud', credential: 'the credential’s audience' },
};

/** Characters per line before the box has been measured. */
const DEFAULT_COLUMNS = 64;

function namesOf(text: string): string {
  const names = [...new Set([...text].map((c) => VISIBLE_NAMES[c]).filter(Boolean))];
  return names.length ? ` (${names.join(', ')})` : '';
}

function Piece({ p }: { p: DiffPiece }) {
  const first = p.first ? { 'data-first': 'true' } : {};
  switch (p.role) {
    case 'same':
      return <>{p.text}</>;
    case 'gap':
      return (
        <span className="insp-gap" {...first}>
          {p.text}
        </span>
      );
    case 'token-only':
      return (
        <del className="insp-seg insp-seg--token" data-diff="token-only" {...first}>
          {p.text}
        </del>
      );
    case 'credential-only':
      return (
        <ins className="insp-seg insp-seg--credential" data-diff="credential-only" {...first}>
          {p.text}
        </ins>
      );
  }
}

function Caret({ caret, cols, charNumber }: { caret: number; cols: number; charNumber: number }) {
  const { pad, text } = caretLabel(caret, cols, charNumber);
  return (
    <>
      {' '.repeat(pad)}
      <span className="insp-caret">{text}</span>
    </>
  );
}

/** The aligned rows; measures its width in characters and re-wraps when it changes. */
function AlignedDiff({ f }: { f: FieldComparison }) {
  const ref = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLSpanElement>(null);
  const [cols, setCols] = useState(DEFAULT_COLUMNS);
  useLayoutEffect(() => {
    const el = ref.current;
    const pr = probe.current;
    if (!el || !pr) return;
    const measure = () => {
      const value = el.querySelector<HTMLElement>('.insp-diff__value');
      const charWidth = pr.getBoundingClientRect().width / 10;
      if (!value || !charWidth) return;
      const cs = getComputedStyle(value);
      const avail = value.getBoundingClientRect().width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      const next = Math.max(8, Math.floor(avail / charWidth));
      setCols((c) => (c === next ? c : next));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const lines = diffLines(f, cols);
  return (
    <div className="insp-diff" ref={ref} aria-hidden="true" data-testid="aligned-diff">
      <span className="insp-diff__probe" ref={probe}>
        0000000000
      </span>
      {lines.map((l, i) => (
        <div className="insp-diff__line" key={i}>
          <div className="insp-diff__row insp-diff__row--token">
            <span className="insp-diff__label">token</span>
            <code className="insp-diff__value">
              {l.token.map((p, j) => (
                <Piece key={j} p={p} />
              ))}
              {f.token === '' && i === 0 && <span className="insp-empty">(empty)</span>}
            </code>
          </div>
          <div className="insp-diff__row insp-diff__row--credential">
            <span className="insp-diff__label">credential</span>
            <code className="insp-diff__value">
              {l.credential.map((p, j) => (
                <Piece key={j} p={p} />
              ))}
              {f.credential === '' && i === 0 && <span className="insp-empty">(empty)</span>}
            </code>
          </div>
          {l.caret !== undefined && (
            <div className="insp-diff__row insp-diff__row--caret">
              <span className="insp-diff__label" />
              <code className="insp-diff__value">
                <Caret caret={l.caret} cols={cols} charNumber={f.firstDifference + 1} />
              </code>
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

/** The comparison in words and marked runs, for screen readers (the aligned rows are hidden from them). */
function SpokenDiff({ f }: { f: FieldComparison }) {
  const names = FIELD_NAMES[f.field];
  const run = (row: 'token' | 'credential') =>
    f.segments.map((s, i) => {
      if (s.kind === 'same') return <span key={i}>{visibleText(s.text)}</span>;
      const mine = (s.kind === 'token-only') === (row === 'token');
      if (!mine) return null;
      const label = s.kind === 'token-only' ? 'only in the token' : 'only in the credential';
      return <span key={i}>{` [${label}: ${visibleText(s.text)}${namesOf(visibleText(s.text))}] `}</span>;
    });
  return (
    <div className="visually-hidden">
      <p>
        {names.token}: “{run('token')}”.
      </p>
      <p>
        {names.credential[0]!.toUpperCase() + names.credential.slice(1)}: “{run('credential')}”.
      </p>
    </div>
  );
}

export function FieldDiff({ f }: { f: FieldComparison }) {
  const sentence = describeFirstDifference(f);
  const invisible = hasInvisible(f.token) || hasInvisible(f.credential);
  return (
    <li className={`insp-field insp-field--${f.equal ? 'same' : 'differs'}`} data-field={f.field} data-equal={String(f.equal)}>
      <p className="insp-field__head">
        <span className="insp-field__name">{f.field}</span>
        <span className={`badge badge--${f.equal ? 'pass' : 'fail'}`}>
          <span aria-hidden="true">{f.equal ? '✓' : '✗'}</span> {f.equal ? 'Same' : 'Differs'}
        </span>
      </p>
      {f.equal ? (
        <code className="insp-field__value">{visibleText(f.token)}</code>
      ) : (
        <>
          <AlignedDiff f={f} />
          <SpokenDiff f={f} />
          {sentence && <p className="insp-field__first">{sentence}</p>}
          {f.explanation && (
            <p className="insp-field__explain" data-testid="diff-explanation">
              <strong>Why it does not match: </strong>
              {f.explanation}
            </p>
          )}
          {invisible && (
            <p className="insp-field__note muted">
              Whitespace and invisible characters are shown as ␣ (space), ⇥ (tab), ↵ (line feed), ← (carriage return), ⍽ (no-break space) and
              ◌ (another invisible character).
            </p>
          )}
        </>
      )}
    </li>
  );
}

/** The comparison of one credential: heading with its verdict, then the three fields. */
export function CredentialComparison({ name, fields }: { name: string; fields: FieldComparison[] }) {
  const differs = fields.filter((f) => !f.equal).map((f) => f.field);
  const matches = differs.length === 0;
  return (
    <article className={`insp-cred insp-cred--${matches ? 'match' : 'differs'}`} data-testid="credential-comparison" data-credential={name}>
      <h4 className="insp-cred__title">
        <span className="insp-cred__icon" aria-hidden="true">
          {matches ? '✓' : '✗'}
        </span>
        Credential <code>{name}</code>
        <span className="insp-cred__verdict">{matches ? 'matches the token' : `differs in ${differs.length > 1 ? `${differs.slice(0, -1).join(', ')} and ${differs[differs.length - 1]}` : differs[0]}`}</span>
      </h4>
      <ul className="insp-fields">
        {fields.map((f) => (
          <FieldDiff key={f.field} f={f} />
        ))}
      </ul>
    </article>
  );
}
