/**
 * Fidelity audit, lessons: a fact that shared/reference/workload-identity.md marks uncertain is only
 * stated next to an "Uncertain" (or "The order is inferred") aside in the same lesson, and claims the
 * reference contradicts do not appear. Each rule names the reference section it comes from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DIR = new URL('../../content/learn/', import.meta.url);
const lessons = readdirSync(DIR)
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => ({ file: f, text: readFileSync(new URL(f, DIR), 'utf8') }));

/** The bodies of the lesson's :::note[Uncertain] / :::caution[...inferred] asides. */
function uncertainAsides(text: string): string[] {
  return [...text.matchAll(/^:::(?:note|caution|tip)\[(?:Uncertain|[^\]]*inferred[^\]]*)\]\n([\s\S]*?)^:::$/gm)].map((m) => m[1]!);
}

/** Text outside those asides (a claim stated there is stated as fact). */
function outsideAsides(text: string): string {
  return text.replace(/^:::(?:note|caution|tip)\[(?:Uncertain|[^\]]*inferred[^\]]*)\]\n[\s\S]*?^:::$/gm, '');
}

const RULES: { why: string; claim: RegExp; aside: RegExp }[] = [
  { why: 'E1: the access token lifetime ("about 24 hours") is uncertain', claim: /access token[^\n]*\n?[^\n]*about 24 hours|about 24 hours[^\n]*access token|access token from Entra ID \| about 24 hours/i, aside: /expires_in/ },
  { why: 'D2: whether AADSTS70023 fires before the credential match is unknown', claim: /default[^.]*token[\s\S]{0,200}AADSTS70023/i, aside: /AADSTS700212|before or after/ },
  { why: 'E1: xms_mirid on the federated path is uncertain', claim: /xms_mirid/, aside: /xms_mirid/ },
  { why: 'B1: on by default from Kubernetes 1.34 is from a localized page only', claim: /1\.34/, aside: /1\.34/ },
  { why: 'D2: the clock-skew allowance is not documented', claim: /clock (difference|skew)/i, aside: /./ },
];

describe('lessons mark what the reference leaves uncertain', () => {
  for (const rule of RULES) {
    it(rule.why, () => {
      const offenders = lessons
        .filter((l) => rule.claim.test(outsideAsides(l.text)))
        .filter((l) => !uncertainAsides(l.text).some((a) => rule.aside.test(a)))
        .map((l) => l.file);
      expect(offenders).toEqual([]);
    });
  }

  it('no lesson says the token is replaced "every hour" (A3: the kubelet refreshes at 80 % of the lifetime or 24 h)', () => {
    expect(lessons.filter((l) => /replace[sd]? every hour/i.test(l.text)).map((l) => l.file)).toEqual([]);
  });
});
