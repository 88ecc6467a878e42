/**
 * "Debug your own" (/inspect/): paste a real service account token, the identity's federated identity
 * credentials, optionally the issuer's JWKS and discovery document and an error message; the engine's
 * `inspect()` runs every check that can run offline, and this island renders its result.
 *
 * Privacy: what is pasted lives only in React state. It is never stored (no localStorage, no cookies),
 * never sent (the island makes no request; everything it needs is in the bundle loaded with the page),
 * never put in the URL, and rendered as text only. Inputs longer than the engine's MAX_INPUT_CHARS are
 * refused at the keystroke/paste, so nothing huge reaches the engine or the page.
 *
 * Props: `scenarios`, the named scenarios (slug, title, expected code), built at build time, for linking
 * recognised error codes to the scenarios that reproduce them.
 */
import { useEffect, useId, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import { inspect, parseDiscovery, parseFicList, parseJwks, type InspectResult, type ScenarioRef } from '../../engine/inspect.ts';
import type { GithubSubjectAdvice } from '../../engine/inspect/githubSubject.ts';
import { CredentialComparison } from './DiffView.tsx';
import { useEarlyInput } from '../earlyInput.ts';
import { buildExample } from './example.ts';
import { EMPTY_INPUTS, engineInput, headline, plural, sectionLines, sizeRefusal, tokenReadable, type InputId, type Inputs, type SectionStatus } from './model.ts';
import { CheckTable, ErrorCodes, StageBlock, TokenTimes, TokenView } from './Parts.tsx';

/** Delay between the last keystroke and the re-run, in milliseconds. */
const DEBOUNCE_MS = 200;
/** How often relative times ("expires in …") are refreshed while a token is pasted, in milliseconds. */
const CLOCK_TICK_MS = 30_000;

interface FieldDef {
  id: InputId;
  label: string;
  /** Names the input in the size refusal ("That token is …"). */
  what: string;
  optional: boolean;
  rows: number;
  placeholder: string;
  hint: ReactNode;
}

const FIELDS: FieldDef[] = [
  {
    id: 'token',
    label: 'Service account token',
    what: 'token',
    optional: false,
    rows: 5,
    placeholder: 'eyJhbGciOiJSUzI1NiIsImtpZCI6…',
    hint: (
      <>
        The projected token your pod presents to Entra ID:{' '}
        <code>kubectl exec &lt;pod&gt; -- cat /var/run/secrets/azure/tokens/azure-identity-token</code>
      </>
    ),
  },
  {
    id: 'fics',
    label: 'Federated identity credentials',
    what: 'credential list',
    optional: false,
    rows: 8,
    placeholder: '[ { "name": "…", "issuer": "https://…/", "subject": "system:serviceaccount:…", "audiences": [ "api://AzureADTokenExchange" ] } ]',
    hint: (
      <>
        The JSON of <code>az identity federated-credential list -g &lt;rg&gt; --identity-name &lt;name&gt;</code>, or a Microsoft
        Graph list (<code>{'{ "value": [ … ] }'}</code>) for an app registration.
      </>
    ),
  },
  {
    id: 'jwks',
    label: 'JWKS',
    what: 'JWKS',
    optional: true,
    rows: 5,
    placeholder: '{ "keys": [ { "kty": "RSA", "kid": "…", "n": "…", "e": "AQAB" } ] }',
    hint: (
      <>
        The issuer’s public keys, to verify the signature: <code>kubectl get --raw /openid/v1/jwks</code>, or <code>curl</code> the{' '}
        <code>jwks_uri</code> of the discovery document.
      </>
    ),
  },
  {
    id: 'discovery',
    label: 'Discovery document',
    what: 'discovery document',
    optional: true,
    rows: 5,
    placeholder: '{ "issuer": "https://…/", "jwks_uri": "https://…/openid/v1/jwks", … }',
    hint: (
      <>
        <code>curl &lt;issuer&gt;.well-known/openid-configuration</code> (the AKS issuer URL already ends with “/”).
      </>
    ),
  },
  {
    id: 'errorText',
    label: 'Error message',
    what: 'error message',
    optional: true,
    rows: 4,
    placeholder: 'AADSTS700211: No matching federated identity record found for presented assertion issuer …',
    hint: <>What your application or the Azure SDK logged. The codes in it (AADSTS…, AKV…, AuthorizationFailed, …) are explained.</>,
  },
];

const SECTION_STATUS: Record<SectionStatus, { icon: string; word: string }> = {
  pass: { icon: '✓', word: 'Passed' },
  fail: { icon: '✗', word: 'Failed' },
  warn: { icon: '⚠', word: 'Warning' },
  // The explanation is the section right under the summary (a word and an arrow, not a lone letter).
  info: { icon: '↓', word: 'Explained below' },
  none: { icon: '–', word: 'Not checked' },
};

const FIC_SHAPES: Record<string, string> = {
  'az-cli': 'az CLI list',
  graph: 'Microsoft Graph list',
  arm: 'ARM resources',
  single: 'one credential object',
};

/** The line under an input: what was read from it, as far as the engine's parsers say. */
function inputStatus(id: InputId, text: string, r: InspectResult | undefined): { text: string; bad: boolean } | undefined {
  if (!text.trim() || !r) return undefined;
  switch (id) {
    case 'token': {
      const t = r.token;
      if (tokenReadable(r)) return { text: `Read: ${plural(t.parts.length, 'part')}, ${t.normalized.length.toLocaleString('en-US')} characters.${t.notes.length ? ` ${t.notes.join(' ')}` : ''}`, bad: false };
      return { text: `Not readable as a signed JWT: ${t.problems[0] ?? 'see the results.'}`, bad: true };
    }
    case 'fics': {
      const p = parseFicList(text);
      if (!p.fics.length && p.shape !== 'none' && p.entries === 0) return { text: 'Read an empty list: this identity has no federated credentials, so none can match.', bad: false };
      if (!p.fics.length) return { text: p.problems[0] ?? 'No federated credentials found.', bad: true };
      return { text: `Read ${plural(p.fics.length, 'credential')} (${FIC_SHAPES[p.shape] ?? p.shape}).${p.problems.length ? ` ${p.problems.join(' ')}` : ''}`, bad: p.problems.length > 0 };
    }
    case 'jwks': {
      const p = parseJwks(text);
      if (!p.jwks) return { text: p.problems[0] ?? 'Not a JWKS.', bad: true };
      const kids = p.jwks.keys.map((k) => (typeof k.kid === 'string' ? k.kid : '(no kid)'));
      return { text: `Read ${plural(kids.length, 'key')}${kids.length ? `: ${kids.map((k) => (k.length > 14 ? `${k.slice(0, 12)}…` : k)).join(', ')}` : ''}.${p.problems.length ? ` ${p.problems.join(' ')}` : ''}`, bad: !kids.length || p.problems.length > 0 };
    }
    case 'discovery': {
      const p = parseDiscovery(text);
      if (!p.doc) return { text: p.problems[0] ?? 'Not a discovery document.', bad: true };
      return { text: `Read: issuer ${JSON.stringify(p.doc.issuer)}.`, bad: false };
    }
    case 'errorText':
      return r.errors.length ? { text: `Found ${r.errors.map((e) => e.code).join(', ')}.`, bad: false } : { text: 'No known error code found.', bad: false };
  }
}

function PasteField({
  def,
  value,
  refusal,
  status,
  onChange,
  inputRef,
}: {
  def: FieldDef;
  value: string;
  refusal?: string | undefined;
  status?: { text: string; bad: boolean } | undefined;
  onChange: (id: InputId, value: string) => void;
  inputRef?: Ref<HTMLTextAreaElement>;
}) {
  const uid = useId();
  const id = `insp-${def.id}-${uid}`;
  const hintId = `${id}-hint`;
  const statusId = `${id}-status`;
  // Pasted before hydration (a slow connection): keep it.
  useEarlyInput(id, (early) => {
    if (early.typed) onChange(def.id, early.value);
  });
  return (
    <div className={`insp-input insp-input--${def.id}`}>
      <label className="insp-input__label" htmlFor={id}>
        {def.label}
        {def.optional && <span className="insp-input__optional"> (optional)</span>}
      </label>
      <p className="insp-input__hint" id={hintId}>
        {def.hint}
      </p>
      <textarea
        id={id}
        ref={inputRef}
        className="insp-input__textarea"
        data-testid={`input-${def.id}`}
        rows={def.rows}
        value={value}
        placeholder={def.placeholder}
        spellCheck={false}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        data-gramm="false"
        aria-describedby={`${hintId} ${statusId}`}
        aria-invalid={refusal || status?.bad ? true : undefined}
        onChange={(e) => onChange(def.id, e.target.value)}
      />
      <div id={statusId} className="insp-input__status">
        {refusal ? (
          <p className="insp-input__refusal" role="alert" data-testid={`refusal-${def.id}`}>
            <span aria-hidden="true">✗ </span>
            {refusal}
          </p>
        ) : status ? (
          <p className={status.bad ? 'insp-input__bad' : 'insp-input__ok'}>
            <span aria-hidden="true">{status.bad ? '✗ ' : '✓ '}</span>
            {status.text}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function Section({ id, title, children, lead }: { id: string; title: string; children: ReactNode; lead?: ReactNode }) {
  return (
    <section className="panel insp-section" id={id} aria-labelledby={`${id}-title`} tabIndex={-1}>
      <h3 id={`${id}-title`}>{title}</h3>
      {lead && <p className="insp-section__lead muted">{lead}</p>}
      {children}
    </section>
  );
}

function Problems({ items, testId }: { items: string[]; testId?: string }) {
  if (!items.length) return null;
  return (
    <div className="insp-callout insp-callout--fail" {...(testId ? { 'data-testid': testId } : {})}>
      <ul>
        {items.map((p, i) => (
          <li key={i}>
            <span aria-hidden="true">✗ </span>
            {p}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** For a GitHub Actions token: the subject a credential needs for this job, why, and form mismatches (engine/inspect/githubSubject.ts). */
function GithubSubjectBox({ advice }: { advice: GithubSubjectAdvice }) {
  return (
    <div className="insp-callout insp-github" data-testid="github-subject">
      <p>
        <strong>A federated credential for this job needs subject</strong> <code>{advice.needed}</code>
      </p>
      <p>{advice.reason}</p>
      <ul>
        {advice.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
        {advice.formMismatches.map((m) => (
          <li key={m.credential} data-testid="github-form-mismatch">
            Credential “{m.credential}” (<code>{m.subject}</code>): {m.explanation}
          </li>
        ))}
      </ul>
    </div>
  );
}

export default function Inspect({ scenarios = [] }: { scenarios?: ScenarioRef[] }) {
  const [inputs, setInputs] = useState<Inputs>(EMPTY_INPUTS);
  const [refused, setRefused] = useState<Partial<Record<InputId, string>>>({});
  const [run, setRun] = useState<{ r: InspectResult; given: Inputs }>();
  const [busy, setBusy] = useState(false);
  const [ready, setReady] = useState(false);
  const [tick, setTick] = useState(0);
  const [example, setExample] = useState<{ state: 'idle' | 'loading' | 'loaded' | 'cleared' | 'error'; message?: string }>({ state: 'idle' });
  const tokenRef = useRef<HTMLTextAreaElement>(null);
  const firstRun = useRef(true);

  useEffect(() => setReady(true), []);

  // Re-run the engine after the inputs settle (and on each clock tick).
  useEffect(() => {
    let cancelled = false;
    setBusy(true);
    const delay = firstRun.current ? 0 : DEBOUNCE_MS;
    firstRun.current = false;
    const timer = setTimeout(async () => {
      const given = inputs;
      let r: InspectResult;
      try {
        r = await inspect(engineInput(given), { now: new Date(), scenarios });
      } catch (e) {
        // inspect() never throws by contract; keep the page usable if it ever does.
        r = await inspect({ token: '' }, { now: new Date(), scenarios });
        r.token.problems = [`Internal error while inspecting: ${e instanceof Error ? e.message : String(e)}`];
      }
      if (cancelled) return;
      setRun({ r, given });
      setBusy(false);
    }, delay);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [inputs, tick, scenarios]);

  const hasToken = inputs.token.trim() !== '';
  useEffect(() => {
    if (!hasToken) return;
    const i = setInterval(() => setTick((x) => x + 1), CLOCK_TICK_MS);
    return () => clearInterval(i);
  }, [hasToken]);

  const change = (id: InputId, value: string) => {
    const def = FIELDS.find((f) => f.id === id)!;
    const tooLong = sizeRefusal(value.length, def.what);
    // The field keeps its previous, accepted value, and the results are for it: say so.
    const refusal = tooLong && inputs[id].trim() !== '' ? `${tooLong} The field and the results below still show the previous ${def.what}.` : tooLong;
    setRefused((prev) => ({ ...prev, [id]: refusal }));
    if (refusal) return; // the textarea keeps its previous, accepted value
    setInputs((prev) => ({ ...prev, [id]: value }));
    setExample((prev) => (prev.state === 'loaded' || prev.state === 'cleared' ? { state: 'idle' } : prev));
  };

  const loadExample = async () => {
    setExample({ state: 'loading' });
    try {
      const ex = await buildExample(new Date());
      setRefused({});
      setInputs(ex);
      setExample({ state: 'loaded' });
    } catch (e) {
      setExample({ state: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const clear = () => {
    setInputs(EMPTY_INPUTS);
    setRefused({});
    setExample({ state: 'cleared' });
    tokenRef.current?.focus();
  };

  const statuses = useMemo(() => {
    const out: Partial<Record<InputId, { text: string; bad: boolean } | undefined>> = {};
    if (run) for (const f of FIELDS) out[f.id] = inputStatus(f.id, run.given[f.id], run.r);
    return out;
  }, [run]);

  const r = run?.r;
  const given = run?.given ?? EMPTY_INPUTS;
  // An oversized paste into an empty page is refused (the field keeps nothing): the headline says so.
  const refusedFields = FIELDS.filter((f) => refused[f.id]);
  const anything = Object.values(given).some((v) => v.trim() !== '');
  const head =
    refusedFields.length && !anything
      ? { tone: 'fail' as const, title: 'Too large to read', detail: refusedFields.map((f) => refused[f.id]).join(' ') }
      : r
        ? headline(r, given)
        : { tone: 'info' as const, title: 'Nothing pasted yet', detail: 'Paste a service account token (and the credential list), or load the example.' };
  const lines = r ? sectionLines(r, given) : [];
  // The claims, only when the token can be judged at all (otherwise every check on them says "Not checked").
  const payload = r && !r.notCheckedBecause ? r.token.payload : undefined;

  return (
    <div className="insp" data-testid="inspect" data-ready={ready ? 'true' : 'false'} data-busy={busy ? 'true' : 'false'}>
      <section className="insp__inputs panel" aria-labelledby="insp-inputs-title">
        <div className="insp__inputs-head">
          <h2 id="insp-inputs-title">Paste what you have</h2>
          <div className="insp__buttons">
            <button type="button" className="button button--primary button--small" onClick={loadExample} disabled={!ready || example.state === 'loading'} data-testid="load-example">
              {example.state === 'loading' ? 'Minting…' : 'Load example'}
            </button>
            <button type="button" className="button button--small" onClick={clear} disabled={!ready} data-testid="clear">
              Clear
            </button>
          </div>
        </div>
        <p className="insp__example-status" role="status">
          {example.state === 'loaded'
            ? 'Example loaded: a token minted just now by the simulated AKS issuer, and a credential whose issuer lacks the trailing slash.'
            : example.state === 'cleared'
              ? 'Cleared all inputs.'
              : example.state === 'error'
                ? `Could not make the example: ${example.message ?? 'unknown error'}`
                : ''}
        </p>
        {FIELDS.map((f) => (
          <PasteField
            key={f.id}
            def={f}
            value={inputs[f.id]}
            refusal={refused[f.id]}
            status={statuses[f.id]}
            onChange={change}
            {...(f.id === 'token' ? { inputRef: tokenRef } : {})}
          />
        ))}
      </section>

      <section className="insp__results" aria-labelledby="insp-results-title">
        <h2 id="insp-results-title" className="visually-hidden">
          Results
        </h2>
        <div
          className={`verdict verdict--${head.tone === 'pass' ? 'granted' : head.tone === 'fail' ? 'denied' : 'pending'} insp-headline`}
          data-testid="headline"
          data-tone={head.tone}
          data-code={head.code ?? ''}
          role="status"
        >
          <span className="verdict__icon" aria-hidden="true">
            {head.tone === 'pass' ? '✓' : head.tone === 'fail' ? '✗' : 'i'}
          </span>
          <div className="verdict__body">
            <p className="verdict__word">{head.title}</p>
            <p className="verdict__detail">{head.detail}</p>
          </div>
          <span className={`verdict__busy${busy ? ' is-busy' : ''}`} aria-hidden="true">
            {busy && anything ? 'Checking…' : ''}
          </span>
        </div>

        {r && anything && (
          <nav className="panel insp-summary" aria-label="Summary of the checks">
            <ul>
              {lines.map((l) => (
                <li key={l.id} className={`insp-summary__item insp-summary__item--${l.status}`} data-section={l.id} data-status={l.status}>
                  <span className={`badge ${l.status === 'info' ? 'insp-badge--info' : `badge--${l.status === 'none' ? 'skipped' : l.status}`}`}>
                    <span aria-hidden="true">{SECTION_STATUS[l.status].icon}</span> {SECTION_STATUS[l.status].word}
                  </span>
                  <a href={`#${l.id}`} className="insp-summary__label">
                    {l.label}
                  </a>
                  {l.code && <span className="code-chip">{l.code}</span>}
                  <span className="insp-summary__detail">{l.detail}</span>
                </li>
              ))}
            </ul>
          </nav>
        )}

        {r && given.errorText.trim() !== '' && (
          <Section id="inspect-errors" title="Error codes in your message">
            <ErrorCodes errors={r.errors} scenarios={scenarios} />
          </Section>
        )}

        {r && anything && (
          <>
            <Section
              id="inspect-federation"
              title="Federated identity credentials"
              lead="Entra ID looks for a credential on the identity whose issuer, subject and audience equal the token’s iss, sub and aud: exactly, character for character, case-sensitive."
            >
              {r.githubSubject && <GithubSubjectBox advice={r.githubSubject} />}
              {!given.fics.trim() ? (
                <p className="muted">Not checked: paste the credential list to compare it with the token.</p>
              ) : (
                <>
                  <Problems items={r.ficProblems} testId="fic-problems" />
                  {!payload ? (
                    <p className="muted" data-testid="fic-not-checked">Not checked: {r.notCheckedBecause ?? 'the token has no readable payload'}.</p>
                  ) : !r.comparisons.length && !r.federation ? (
                    !r.ficProblems.length && <Problems items={['The pasted text holds no federated credentials, so no credential can match this token.']} />
                  ) : null}
                  {r.federation && <StageBlock id="federation-match" title="Credential match (issuer, then subject, then audience)" stage={r.federation} testId="fic-verdict" />}
                  {r.comparisons.length > 0 && (
                    <>
                      <h4 className="insp-subhead">Field by field, per credential</h4>
                      <ul className="insp-legend" aria-label="How differences are marked">
                        <li>
                          <code className="insp-legend__sample" aria-hidden="true">
                            <del className="insp-seg insp-seg--token">ab</del>
                          </code>
                          solid box: only in the token
                        </li>
                        <li>
                          <code className="insp-legend__sample" aria-hidden="true">
                            <ins className="insp-seg insp-seg--credential">ab</ins>
                          </code>
                          dotted underline: only in the credential
                        </li>
                        <li>
                          <code className="insp-legend__sample" aria-hidden="true">
                            <span className="insp-gap">ab</span>
                          </code>
                          dashed empty box: missing here
                        </li>
                        <li>
                          <code className="insp-legend__sample" aria-hidden="true">
                            ␣
                          </code>
                          a space
                        </li>
                      </ul>
                      <div className="insp-creds">
                        {r.comparisons.map((c, i) => (
                          <CredentialComparison key={`${i}:${c.name}`} name={c.name} fields={c.fields} />
                        ))}
                      </div>
                    </>
                  )}
                </>
              )}
            </Section>

            <Section id="inspect-token" title="Token">
              <TokenView r={r} />
            </Section>

            <Section id="inspect-lifetime" title="Lifetime">
              {!payload ? (
                <p className="muted">Not checked: {r.notCheckedBecause ?? 'the token has no readable payload'}.</p>
              ) : (
                <>
                  <TokenTimes payload={payload} now={r.now} />
                  <div className="insp-stages">
                    {r.lifetime && <StageBlock id="client-lookup" title="Lifetime at most 25 hours (exp − iat), iat present" stage={r.lifetime} testId="lifetime-verdict" />}
                    {r.timeWindow && <StageBlock id="lifetime" title="Valid now (nbf ≤ now < exp)" stage={r.timeWindow} testId="time-window-verdict" />}
                  </div>
                </>
              )}
            </Section>

            <Section id="inspect-signature" title="Signature">
              {!given.jwks.trim() ? (
                <p className="muted">Not checked: paste the issuer’s JWKS to verify the signature.</p>
              ) : (
                <>
                  <Problems items={r.jwksProblems} testId="jwks-problems" />
                  {r.signature ? (
                    <StageBlock id="signature" title="kid in the JWKS and RS256 signature" stage={r.signature} testId="signature-verdict" />
                  ) : (
                    !r.jwksProblems.length && <p className="muted">Not verified: the token is not a readable signed JWT.</p>
                  )}
                </>
              )}
            </Section>

            <Section id="inspect-claims" title="Claims" lead={`First what Entra ID requires of the claims; then, for information only, how the token compares with one issued by ${r.issuer?.provider === 'github-entra' ? 'GitHub Actions' : 'an AKS cluster'}.`}>
              {r.claimChecks.length ? (
                <>
                  {r.issuer && (
                    <p className="muted" data-testid="issuer-kind">
                      <strong>Issuer recognised: {r.issuer.platform}.</strong> {r.issuer.why}
                    </p>
                  )}
                  <CheckTable checks={r.claimChecks} caption="Checks of the token’s claims that Entra ID enforces" testId="claim-checks" />
                  {r.claimNotes.length > 0 && (
                    <>
                      <h4 className="insp-subhead">Compared with {r.issuer?.provider === 'github-entra' ? 'a GitHub Actions token' : 'an AKS token'} (information only)</h4>
                      <p className="muted insp-notes-lead">Entra ID does not check these: a difference is not a failure, only a hint about where the token came from.</p>
                      <CheckTable checks={r.claimNotes} caption={`How the token compares with ${r.issuer?.provider === 'github-entra' ? 'a GitHub Actions token' : 'an AKS token'} (information only)`} notes testId="claim-notes" />
                    </>
                  )}
                </>
              ) : (
                <p className="muted">Not checked: {r.notCheckedBecause ?? 'the header and payload could not be decoded'}.</p>
              )}
            </Section>

            <Section id="inspect-discovery" title="Discovery document">
              {!given.discovery.trim() ? (
                <p className="muted">Not checked (optional): paste the discovery document to compare its issuer with the token’s.</p>
              ) : (
                <>
                  <Problems items={r.discoveryProblems} testId="discovery-problems" />
                  <CheckTable checks={r.discoveryChecks} caption="Checks of the discovery document" />
                </>
              )}
            </Section>
          </>
        )}

        {!anything && (
          <Section id="inspect-checks" title="Checked here, offline">
            <ul className="insp-offline-list">
              <li>
                <strong>Token</strong>: each of the three parts decoded as far as it goes; a part that cannot be read says why.
              </li>
              <li>
                <strong>Credential match</strong>: issuer, subject and audience compared with the token’s iss, sub and aud, character for
                character, with the first difference pointed out (AADSTS700211, AADSTS700213, AADSTS7002138, AADSTS700212).
              </li>
              <li>
                <strong>Lifetime</strong>: at most 25 hours (AADSTS70023) and valid now (AADSTS700024). Entra ID judges that by its own clock; this page uses this computer’s clock in its place.
              </li>
              <li>
                <strong>Signature</strong>: the header’s kid is in the pasted JWKS and the RS256 signature verifies (AADSTS7000272).
              </li>
              <li>
                <strong>Claims</strong> and <strong>discovery document</strong>: what Entra ID requires of them, plus notes on how the token
                compares with one from AKS.
              </li>
              <li>
                <strong>Error codes</strong> in a pasted message: meaning, stage, likely causes, fix, and scenarios that reproduce them.
              </li>
            </ul>
          </Section>
        )}

        {r && (
          <Section id="inspect-not-run" title="Not checked here (needs the network)" lead="These need Entra ID, Azure or the internet, so this page cannot run them. How to check them yourself:">
            <ul className="insp-notrun" data-testid="not-run">
              {r.notRun.map((n) => (
                <li key={n.name}>
                  <strong>{n.name}</strong>: {n.why}
                </li>
              ))}
            </ul>
          </Section>
        )}
      </section>
    </div>
  );
}
