/**
 * What /inspect/ shows for an {@link InspectResult}, as data: the headline verdict, one status line per
 * section, whitespace made visible, the first difference of a comparison in words, and the size check
 * of pasted text. Pure (no DOM, no React): the island renders these, the unit tests check them. Nothing
 * here re-checks anything; every verdict is read from the engine's result.
 */
import type { Stage } from '../../engine/chain.ts';
import type { DecodedPart, FieldComparison, InspectResult } from '../../engine/inspect.ts';
import { MAX_INPUT_CHARS } from '../../engine/inspect.ts';
import { describeChar, isPlainAscii, skeleton } from '../../engine/chars.ts';

/** The five things people paste, by id. */
export type InputId = 'token' | 'fics' | 'jwks' | 'discovery' | 'errorText';

/** The pasted texts (empty string = not given). */
export type Inputs = Record<InputId, string>;

export const EMPTY_INPUTS: Inputs = { token: '', fics: '', jwks: '', discovery: '', errorText: '' };

/**
 * The refusal message for a pasted text over the engine's {@link MAX_INPUT_CHARS} characters, or
 * undefined when the text is short enough. `what` names the field ("token", "JWKS", ...).
 */
export function sizeRefusal(length: number, what: string): string | undefined {
  if (length <= MAX_INPUT_CHARS) return undefined;
  return `That ${what} is ${length.toLocaleString('en-US')} characters long; at most ${MAX_INPUT_CHARS.toLocaleString('en-US')} are accepted, so it was not read. Paste only the ${what}.`;
}

/** Whether a decoded token is a readable signed JWT: three parts, header and payload JSON objects. */
export function tokenReadable(r: InspectResult): boolean {
  return r.token.format === 'jws' && r.token.parts.every((p) => p.ok) && !!r.token.header && !!r.token.payload;
}

/**
 * True when the token is a three-part JWS whose header and payload decode but whose signature part is
 * empty (an "unsecured JWT", RFC 7519 §6, usually with `alg: "none"`). Such a token is readable but can
 * never pass the signature check.
 */
export function unsignedToken(r: InspectResult): boolean {
  const sig = r.token.parts[2];
  return r.token.format === 'jws' && !!r.token.header && !!r.token.payload && sig !== undefined && sig.raw === '';
}

/**
 * A section's status on the page: a stage status, `info` (something was read and is explained, e.g.
 * error codes), or `none` when its input was not given or it could not run.
 */
export type SectionStatus = 'pass' | 'fail' | 'warn' | 'info' | 'none';

/** One line of the summary at the top of the results. */
export interface SectionLine {
  /** Fragment id of the section on the page. */
  id: string;
  label: string;
  status: SectionStatus;
  /** One short sentence. */
  detail: string;
  code?: string;
}

function stageStatus(s: Stage | undefined): SectionStatus {
  if (!s) return 'none';
  return s.status === 'skipped' ? 'none' : s.status;
}

function worst(...all: SectionStatus[]): SectionStatus {
  if (all.includes('fail')) return 'fail';
  if (all.includes('warn')) return 'warn';
  if (all.includes('pass')) return 'pass';
  return 'none';
}

/** 1 → "1 credential", 2 → "2 credentials". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Order of the sections on the page (and of the summary lines). */
export const SECTION_ORDER = ['inspect-errors', 'inspect-federation', 'inspect-token', 'inspect-lifetime', 'inspect-signature', 'inspect-claims', 'inspect-discovery'] as const;

/**
 * The summary lines, in page order ({@link SECTION_ORDER}): the pasted error's codes (when an error
 * message was pasted), the credential match, the token, its lifetime, the signature, the claim shape,
 * the discovery document.
 */
export function sectionLines(r: InspectResult, given: Inputs): SectionLine[] {
  const lines: SectionLine[] = [];
  const hasToken = r.token.format !== 'empty';
  const readable = tokenReadable(r);
  lines.push({
    id: 'inspect-token',
    label: 'Token',
    status: !hasToken ? 'none' : readable ? 'pass' : 'fail',
    detail: !hasToken ? 'Not pasted.' : readable ? 'Decodes as a signed JWT (header, payload, signature).' : (r.token.problems[0] ?? 'Cannot be read as a signed JWT.'),
  });
  // Why the checks that read the token did not run (an unreadable token), as a sentence.
  const notChecked = r.notCheckedBecause ? `Not checked: ${r.notCheckedBecause}.` : undefined;
  const failedClaims = r.claimChecks.filter((c) => !c.ok);
  const differing = r.claimNotes.filter((c) => !c.ok);
  const notesText = differing.length ? ` ${plural(differing.length, 'note')} on how it differs from ${r.issuer?.provider === 'github-entra' ? 'a GitHub Actions token' : 'an AKS token'} (informational): ${differing.map((c) => c.name).join(', ')}.` : '';
  lines.push({
    id: 'inspect-claims',
    label: 'Claims',
    status: r.claimChecks.length ? (failedClaims.length ? 'fail' : 'pass') : 'none',
    detail: !r.claimChecks.length
      ? (notChecked ?? 'Nothing to check without a readable header and payload.')
      : failedClaims.length
        ? `${plural(failedClaims.length, 'check')} of ${r.claimChecks.length} failed: ${failedClaims.map((c) => c.name).join(', ')}.${notesText}`
        : `All ${r.claimChecks.length} checks passed.${notesText}`,
  });
  const life = worst(stageStatus(r.lifetime), stageStatus(r.timeWindow));
  const lifeFail = [r.lifetime, r.timeWindow].find((s) => s?.status === 'fail');
  lines.push({
    id: 'inspect-lifetime',
    label: 'Lifetime',
    status: life,
    detail: lifeFail ? lifeFail.summary : r.timeWindow ? r.timeWindow.summary : (notChecked ?? 'Needs a readable payload.'),
    ...(lifeFail?.code ? { code: lifeFail.code } : {}),
  });
  const ficGiven = given.fics.trim() !== '';
  lines.push({
    id: 'inspect-federation',
    label: 'Federated credentials',
    status: !ficGiven ? 'none' : r.ficProblems.length && !r.federation ? 'fail' : stageStatus(r.federation),
    detail: !ficGiven
      ? 'Paste the credential list to compare it with the token.'
      : r.federation
        ? r.federation.summary
        : (r.ficProblems[0] ?? notChecked ?? (r.token.payload ? 'No credentials found in the pasted text.' : 'Needs a readable token payload to compare with.')),
    ...(r.federation?.code ? { code: r.federation.code } : {}),
  });
  const jwksGiven = given.jwks.trim() !== '';
  lines.push({
    id: 'inspect-signature',
    label: 'Signature',
    status: !jwksGiven ? 'none' : r.jwksProblems.length && !r.signature ? 'fail' : stageStatus(r.signature),
    detail: !jwksGiven
      ? 'Paste the issuer\u2019s JWKS to verify the signature.'
      : r.signature
        ? r.signature.summary
        : (r.jwksProblems[0] ?? notChecked ?? 'Needs a readable signed token to verify.'),
    ...(r.signature?.code ? { code: r.signature.code } : {}),
  });
  const discGiven = given.discovery.trim() !== '';
  const discFailed = r.discoveryChecks.filter((c) => !c.ok);
  lines.push({
    id: 'inspect-discovery',
    label: 'Discovery document',
    status: !discGiven ? 'none' : r.discoveryProblems.length || discFailed.length ? 'fail' : r.discoveryChecks.length ? 'pass' : 'none',
    detail: !discGiven
      ? 'Optional: paste it to compare its issuer with the token\u2019s.'
      : r.discoveryProblems[0] ?? (discFailed.length ? `${plural(discFailed.length, 'check')} failed: ${discFailed.map((c) => c.name).join(', ')}.` : 'The issuer, jwks_uri and signing algorithms fit the token.'),
  });
  if (given.errorText.trim() !== '') {
    const known = r.errors.filter((e) => e.info).map((e) => e.code);
    const unknown = r.errors.filter((e) => !e.info).map((e) => e.code);
    const notCovered = unknown.length ? `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the catalogue.` : '';
    lines.push({
      id: 'inspect-errors',
      label: 'Error message',
      // "Explained" only when at least one code found has an explanation here.
      status: known.length ? 'info' : 'none',
      detail: known.length
        ? `Recognised ${known.join(', ')}.${notCovered ? ` ${notCovered}` : ''}`
        : notCovered || 'No known error code found in the text.',
    });
  }
  return lines.sort((a, b) => SECTION_ORDER.indexOf(a.id as (typeof SECTION_ORDER)[number]) - SECTION_ORDER.indexOf(b.id as (typeof SECTION_ORDER)[number]));
}

/** The headline over the results: what Entra ID would most likely do with this token. */
export interface Headline {
  tone: 'fail' | 'pass' | 'info';
  title: string;
  detail: string;
  code?: string;
}

/**
 * The headline. The first failing check in Entra ID's order wins (lifetime sanity AADSTS70023, the
 * credential match, the signature, the time window AADSTS700024); a token that cannot be decoded says
 * so; otherwise it says every offline check that ran passed, and what was not given.
 */
export function headline(r: InspectResult, given: Inputs): Headline {
  const anything = Object.values(given).some((v) => v.trim() !== '');
  if (!anything) return { tone: 'info', title: 'Nothing pasted yet', detail: 'Paste a service account token (and the credential list) on the left, or load the example.' };
  if (r.token.format === 'empty') {
    return {
      tone: 'info',
      title: 'No token pasted',
      detail: r.errors.some((e) => e.info)
        ? 'The error codes found in your message are explained below. Paste the token to check it too.'
        : 'Paste the service account token to check it.',
    };
  }
  if (unsignedToken(r)) {
    return {
      tone: 'fail',
      title: 'This token is unsigned: Entra ID would refuse it',
      detail:
        `Its header and claims decode (see below), but it carries no signature${r.token.header?.alg === 'none' ? ' (header alg "none")' : ''}. Kubernetes signs every service account token with RS256; an unsigned token was written by hand or had its signature removed, and Entra ID cannot verify it against the issuer's JWKS. Which error code Entra ID returns for it is not documented in our sources.`,
    };
  }
  if (!tokenReadable(r)) return { tone: 'fail', title: 'The token cannot be read', detail: r.token.problems.join(' ') || 'It is not a signed JWT.' };
  const inOrder: [Stage | undefined, string][] = [
    [r.assertion, 'the assertion issuer check'],
    [r.lifetime, 'the lifetime check'],
    [r.federation, 'the credential match'],
    [r.signature, 'the signature'],
    [r.timeWindow, 'the time window'],
  ];
  const failing = inOrder.filter(([s]) => s?.status === 'fail') as [Stage, string][];
  if (failing.length) {
    const [s] = failing[0]!;
    const also = failing.slice(1).map(([o, name]) => `${name}${o.code ? ` (${o.code})` : ''}`);
    return {
      tone: 'fail',
      title: s.code ? `Entra ID would refuse this token: ${s.code}` : 'Entra ID would refuse this token',
      detail: `${s.summary}${also.length ? ` Also failing: ${also.join(', ')}.` : ''}`,
      ...(s.code ? { code: s.code } : {}),
    };
  }
  if (r.ficProblems.length && given.fics.trim()) return { tone: 'fail', title: 'The credential list cannot be used', detail: r.ficProblems.join(' ') };
  if (r.jwksProblems.length && given.jwks.trim()) return { tone: 'fail', title: 'The JWKS cannot be used', detail: r.jwksProblems.join(' ') };
  const missing = [!given.fics.trim() && 'the federated credential list', !given.jwks.trim() && 'the JWKS'].filter(Boolean) as string[];
  // Only checks Entra ID enforces count here; the notes on how the token differs from an AKS token never do.
  const failedShape = r.claimChecks.filter((c) => !c.ok).length + r.discoveryChecks.filter((c) => !c.ok).length;
  if (failedShape) {
    return { tone: 'fail', title: `${plural(failedShape, 'check')} failed`, detail: 'The token decodes and no exchange check failed, but some checks of its claims or of the discovery document did: see below.' };
  }
  return {
    tone: 'pass',
    title: missing.length ? 'The checks that could run passed' : 'Every offline check passed',
    detail: missing.length
      ? `Paste ${missing.join(' and ')} to check more. Some checks need the network: see the list below.`
      : 'The token matches a credential, its signature verifies and it is valid now. What remains needs the network: see the list below.',
  };
}

/** Visible stand-ins for characters that would otherwise be invisible in a compared value. */
const VISIBLE: Record<string, string> = {
  ' ': '␣',
  '\t': '⇥',
  '\n': '↵',
  '\r': '←',
  '\u00a0': '⍽',
};

/** Names of the replaced characters, for screen readers and the legend. */
export const VISIBLE_NAMES: Record<string, string> = {
  '␣': 'space',
  '⇥': 'tab',
  '↵': 'line feed',
  '←': 'carriage return',
  '⍽': 'no-break space',
  '◌': 'invisible character',
};

/**
 * `text` with whitespace and invisible characters replaced one for one by visible symbols (space →
 * ␣, tab → ⇥, line feed → ↵, carriage return → ←, no-break space → ⍽, zero-width and other format or
 * control characters → ◌). Each UTF-16 code unit of an invisible character maps to one symbol, so the
 * result has the same length as `text` and two values stay aligned character for character.
 */
export function visibleText(text: string): string {
  let out = '';
  for (const c of text) {
    const v = VISIBLE[c];
    if (v) out += v;
    // eslint-disable-next-line no-control-regex
    else if (/[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/.test(c)) out += '◌';
    else out += c;
  }
  return out;
}

/** Whether `text` holds any character that {@link visibleText} replaces. */
export function hasInvisible(text: string): boolean {
  return visibleText(text) !== text;
}

/**
 * A short quoted form of a differing run, for sentences: `"/"` → `“/”`; `" "` → `“␣” (space)`. Characters
 * that are not plain visible ASCII are named by code point (`“а” (U+0430 CYRILLIC SMALL LETTER A)`,
 * `“◌” (U+200B ZERO WIDTH SPACE, invisible)`); with `all`, every character is named (used when the
 * two runs compared look the same). At most three names; works on code points, not UTF-16 units.
 */
function quoteRun(text: string, all = false): string {
  const cps = [...text];
  const cut = cps.length > 24 ? `${cps.slice(0, 24).join('')}…` : text;
  const shown = visibleText(cut);
  const distinct = [...new Set([...cut])].filter((c) => c !== '…' || cps.length <= 24);
  const named = distinct.filter((c) => all || (!isPlainAscii(c) && c !== ' '));
  const names = named.slice(0, 3).map(describeChar);
  if (named.length > 3) names.push(`and ${named.length - 3} more`);
  const spaces = !all && distinct.includes(' ') ? ['space'] : [];
  const words = [...spaces, ...names];
  return `“${shown}”${words.length ? ` (${words.join('; ')})` : ''}`;
}

/**
 * The first difference of a comparison in words, e.g. "At character 88 the token's value has “/”; the
 * credential's value ends there." Undefined when the values are equal. Reads the engine's segments.
 */
export function describeFirstDifference(f: FieldComparison): string | undefined {
  if (f.equal) return undefined;
  const at = f.firstDifference;
  const tokenRest = f.token.slice(at);
  const credRest = f.credential.slice(at);
  // The first run of differing segments (a replacement shows up as a token-only and a credential-only run).
  const runs: FieldComparison['segments'] = [];
  for (let i = f.segments.findIndex((s) => s.kind !== 'same'); i >= 0 && i < f.segments.length && f.segments[i]!.kind !== 'same'; i++) runs.push(f.segments[i]!);
  const tokenRun = runs.find((s) => s.kind === 'token-only')?.text ?? '';
  const credRun = runs.find((s) => s.kind === 'credential-only')?.text ?? '';
  // "At character N" counts code points, as people do (an emoji or a look-alike letter is one character).
  const where = `At character ${[...f.token.slice(0, at)].length + 1}`;
  if (!tokenRest) return `${where} the token\u2019s value ends; the credential\u2019s value goes on with ${quoteRun(credRun || credRest)}.`;
  if (!credRest) return `${where} the token\u2019s value has ${quoteRun(tokenRun || tokenRest)}; the credential\u2019s value ends there.`;
  if (tokenRun && credRun) {
    // Runs that look the same on screen get every character named, so the reader sees which is which.
    const same = skeleton(tokenRun) === skeleton(credRun) || visibleText(tokenRun) === visibleText(credRun);
    return `${where} the token\u2019s value has ${quoteRun(tokenRun, same)} where the credential\u2019s has ${quoteRun(credRun, same)}.`;
  }
  if (tokenRun) return `${where} the token\u2019s value has ${quoteRun(tokenRun)}, which the credential\u2019s value lacks.`;
  if (credRun) return `${where} the credential\u2019s value has ${quoteRun(credRun)}, which the token\u2019s value lacks.`;
  return `${where} the values differ: ${quoteRun(tokenRest)} vs ${quoteRun(credRest)}.`;
}

/**
 * The 0-based UTF-16 offset in `part.raw` of the character a decoding error points at ("character 17
 * (…) is not base64url", counted in code points), or undefined. Used to mark that character in the raw part.
 */
export function badCharIndex(part: DecodedPart): number | undefined {
  const m = /^character (\d+) /.exec(part.error ?? '');
  if (!m) return undefined;
  const i = Number(m[1]) - 1;
  const cps = [...part.raw];
  return i >= 0 && i < cps.length ? cps.slice(0, i).join('').length : undefined;
}

/** Human label of a decoded part: "header", "payload", "signature", "extra part". */
export function partLabel(p: DecodedPart, index: number): string {
  return p.name === 'extra' ? `part ${index + 1} (extra)` : p.name;
}

/** Which of the five inputs are given, as the engine's `InspectInput` (empty fields left out). */
export function engineInput(given: Inputs): { token: string; fics?: string; jwks?: string; discovery?: string; errorText?: string } {
  return {
    token: given.token,
    ...(given.fics.trim() ? { fics: given.fics } : {}),
    ...(given.jwks.trim() ? { jwks: given.jwks } : {}),
    ...(given.discovery.trim() ? { discovery: given.discovery } : {}),
    ...(given.errorText.trim() ? { errorText: given.errorText } : {}),
  };
}

/** A run of characters on one line of the aligned diff. */
export interface DiffPiece {
  /** Visible text ({@link visibleText}). */
  text: string;
  /**
   * `same`: in both values; `token-only` / `credential-only`: present in this row only; `gap`: the
   * other row has characters here that this row lacks (rendered as an empty box of the same width).
   */
  role: 'same' | 'token-only' | 'credential-only' | 'gap';
  /** The first piece of the first difference. */
  first?: boolean;
}

/** One line of the aligned diff: the token's row, the credential's row, and the caret column if the first difference is on it. */
export interface DiffLine {
  token: DiffPiece[];
  credential: DiffPiece[];
  /** Column (0-based, in characters) of the first difference on this line. */
  caret?: number;
}

/**
 * Lays a comparison's segments out as aligned lines of at most `width` characters: both rows hold the
 * same number of characters at every point (a segment only in one value shows as a gap in the other),
 * so cutting both at the same columns keeps them aligned while wrapping. Character counts are in code
 * points of the visible text. The caret goes on the line of the first difference (the last line when
 * the difference is at the very end of a full line). Equal values give no lines.
 */
export function diffLines(f: FieldComparison, width: number): DiffLine[] {
  if (f.equal) return [];
  const w = Math.max(1, Math.floor(width));
  const firstSeg = f.segments.findIndex((s) => s.kind !== 'same');
  type Cell = { ch: string; tokenRole: DiffPiece['role']; credRole: DiffPiece['role']; first: boolean };
  const cells: Cell[] = [];
  f.segments.forEach((s, si) => {
    const tokenRole: DiffPiece['role'] = s.kind === 'same' ? 'same' : s.kind === 'token-only' ? 'token-only' : 'gap';
    const credRole: DiffPiece['role'] = s.kind === 'same' ? 'same' : s.kind === 'credential-only' ? 'credential-only' : 'gap';
    [...visibleText(s.text)].forEach((ch, ci) => cells.push({ ch, tokenRole, credRole, first: si === firstSeg && ci === 0 }));
  });
  const firstCell = cells.findIndex((c) => c.first);
  const caretCol = firstCell >= 0 ? firstCell : [...visibleText(f.token.slice(0, Math.max(0, f.firstDifference)))].length;
  const lines: DiffLine[] = [];
  for (let start = 0; start < cells.length; start += w) {
    const slice = cells.slice(start, start + w);
    const pieces = (pick: (c: Cell) => DiffPiece['role']): DiffPiece[] => {
      const out: DiffPiece[] = [];
      for (const c of slice) {
        const role = pick(c);
        const last = out[out.length - 1];
        if (last && last.role === role && !c.first) last.text += c.ch;
        else out.push({ text: c.ch, role, ...(c.first ? { first: true } : {}) });
      }
      return out;
    };
    lines.push({ token: pieces((c) => c.tokenRole), credential: pieces((c) => c.credRole) });
  }
  if (!lines.length) lines.push({ token: [], credential: [] });
  const lineIdx = Math.min(Math.floor(caretCol / w), lines.length - 1);
  lines[lineIdx]!.caret = caretCol - lineIdx * w;
  return lines;
}

/**
 * Where the caret's label goes on a line `cols` characters wide: the arrow sits exactly at column
 * `caret`, its words to its right when they fit, otherwise to its left, otherwise shortened.
 * Returns the number of padding characters and the text (monospace, so columns are characters).
 */
export function caretLabel(caret: number, cols: number, charNumber: number): { pad: number; text: string } {
  for (const words of [`first difference (character ${charNumber})`, `character ${charNumber}`, '']) {
    const right = words ? `↑ ${words}` : '↑';
    if (caret + right.length <= cols) return { pad: caret, text: right };
    if (!words) break;
    const left = `${words} ↑`;
    if (caret - (left.length - 1) >= 0) return { pad: caret - (left.length - 1), text: left };
  }
  return { pad: Math.max(0, Math.min(caret, cols - 1)), text: '↑' };
}
