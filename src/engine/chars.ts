/**
 * Naming characters that a person cannot tell apart on screen: invisible ones (zero-width space, no-break
 * space, soft hyphen, bidi marks, …), and letters from other scripts that look like Latin ones (Cyrillic
 * "а" U+0430 vs Latin "a" U+0061). Used wherever the inspector compares two values for people (its diff
 * sentences, its credential match verdict, a token's unreadable character), so a message never reads
 * "has "a" where the other has "a"". Not imported by chain.ts: it would add ~3 KB (gzip) to every page
 * that runs the simulator.
 *
 * The names come from a small table of the usual suspects (Unicode character names, as in UnicodeData.txt);
 * any other character is named by its code point, its script when it is a letter of a well-known
 * non-Latin script, and its Unicode general category (detected with `\p{…}` regular expressions).
 * Everything works on code points, never on UTF-16 code units (an emoji is one character).
 */

/** Names of non-ASCII characters that look like ASCII ones or are invisible; value: [name, ASCII look-alike]. */
const TABLE: Record<string, [string, string?]> = {
  // Invisible or blank
  '\u00a0': ['NO-BREAK SPACE', ' '],
  '\u00ad': ['SOFT HYPHEN'],
  '\u034f': ['COMBINING GRAPHEME JOINER'],
  '\u180e': ['MONGOLIAN VOWEL SEPARATOR'],
  '\u2000': ['EN QUAD', ' '],
  '\u2001': ['EM QUAD', ' '],
  '\u2002': ['EN SPACE', ' '],
  '\u2003': ['EM SPACE', ' '],
  '\u2004': ['THREE-PER-EM SPACE', ' '],
  '\u2005': ['FOUR-PER-EM SPACE', ' '],
  '\u2006': ['SIX-PER-EM SPACE', ' '],
  '\u2007': ['FIGURE SPACE', ' '],
  '\u2008': ['PUNCTUATION SPACE', ' '],
  '\u2009': ['THIN SPACE', ' '],
  '\u200a': ['HAIR SPACE', ' '],
  '\u200b': ['ZERO WIDTH SPACE'],
  '\u200c': ['ZERO WIDTH NON-JOINER'],
  '\u200d': ['ZERO WIDTH JOINER'],
  '\u200e': ['LEFT-TO-RIGHT MARK'],
  '\u200f': ['RIGHT-TO-LEFT MARK'],
  '\u2028': ['LINE SEPARATOR'],
  '\u2029': ['PARAGRAPH SEPARATOR'],
  '\u202a': ['LEFT-TO-RIGHT EMBEDDING'],
  '\u202b': ['RIGHT-TO-LEFT EMBEDDING'],
  '\u202c': ['POP DIRECTIONAL FORMATTING'],
  '\u202d': ['LEFT-TO-RIGHT OVERRIDE'],
  '\u202e': ['RIGHT-TO-LEFT OVERRIDE'],
  '\u202f': ['NARROW NO-BREAK SPACE', ' '],
  '\u205f': ['MEDIUM MATHEMATICAL SPACE', ' '],
  '\u2060': ['WORD JOINER'],
  '\u2061': ['FUNCTION APPLICATION'],
  '\u2062': ['INVISIBLE TIMES'],
  '\u2063': ['INVISIBLE SEPARATOR'],
  '\u2064': ['INVISIBLE PLUS'],
  '\u3000': ['IDEOGRAPHIC SPACE', ' '],
  '\ufeff': ['ZERO WIDTH NO-BREAK SPACE (byte order mark)'],
  // Dashes, slashes, colons, dots
  '\u2010': ['HYPHEN', '-'],
  '\u2011': ['NON-BREAKING HYPHEN', '-'],
  '\u2012': ['FIGURE DASH', '-'],
  '\u2013': ['EN DASH', '-'],
  '\u2014': ['EM DASH', '-'],
  '\u2212': ['MINUS SIGN', '-'],
  '\u2044': ['FRACTION SLASH', '/'],
  '\u2215': ['DIVISION SLASH', '/'],
  '\u2236': ['RATIO', ':'],
  '\u02d0': ['MODIFIER LETTER TRIANGULAR COLON', ':'],
  '\u0589': ['ARMENIAN FULL STOP', ':'],
  '\u2024': ['ONE DOT LEADER', '.'],
  '\u2018': ['LEFT SINGLE QUOTATION MARK', "'"],
  '\u2019': ['RIGHT SINGLE QUOTATION MARK', "'"],
  '\u201c': ['LEFT DOUBLE QUOTATION MARK', '"'],
  '\u201d': ['RIGHT DOUBLE QUOTATION MARK', '"'],
  // Cyrillic look-alikes
  '\u0430': ['CYRILLIC SMALL LETTER A', 'a'],
  '\u0435': ['CYRILLIC SMALL LETTER IE', 'e'],
  '\u043e': ['CYRILLIC SMALL LETTER O', 'o'],
  '\u0440': ['CYRILLIC SMALL LETTER ER', 'p'],
  '\u0441': ['CYRILLIC SMALL LETTER ES', 'c'],
  '\u0443': ['CYRILLIC SMALL LETTER U', 'y'],
  '\u0445': ['CYRILLIC SMALL LETTER HA', 'x'],
  '\u0455': ['CYRILLIC SMALL LETTER DZE', 's'],
  '\u0456': ['CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I', 'i'],
  '\u0458': ['CYRILLIC SMALL LETTER JE', 'j'],
  '\u04bb': ['CYRILLIC SMALL LETTER SHHA', 'h'],
  '\u04cf': ['CYRILLIC SMALL LETTER PALOCHKA', 'l'],
  '\u0501': ['CYRILLIC SMALL LETTER KOMI DE', 'd'],
  '\u051b': ['CYRILLIC SMALL LETTER QA', 'q'],
  '\u051d': ['CYRILLIC SMALL LETTER WE', 'w'],
  '\u0410': ['CYRILLIC CAPITAL LETTER A', 'A'],
  '\u0412': ['CYRILLIC CAPITAL LETTER VE', 'B'],
  '\u0415': ['CYRILLIC CAPITAL LETTER IE', 'E'],
  '\u041a': ['CYRILLIC CAPITAL LETTER KA', 'K'],
  '\u041c': ['CYRILLIC CAPITAL LETTER EM', 'M'],
  '\u041d': ['CYRILLIC CAPITAL LETTER EN', 'H'],
  '\u041e': ['CYRILLIC CAPITAL LETTER O', 'O'],
  '\u0420': ['CYRILLIC CAPITAL LETTER ER', 'P'],
  '\u0421': ['CYRILLIC CAPITAL LETTER ES', 'C'],
  '\u0422': ['CYRILLIC CAPITAL LETTER TE', 'T'],
  '\u0425': ['CYRILLIC CAPITAL LETTER HA', 'X'],
  '\u0405': ['CYRILLIC CAPITAL LETTER DZE', 'S'],
  '\u0406': ['CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I', 'I'],
  '\u0408': ['CYRILLIC CAPITAL LETTER JE', 'J'],
  // Greek look-alikes
  '\u03b1': ['GREEK SMALL LETTER ALPHA', 'a'],
  '\u03b9': ['GREEK SMALL LETTER IOTA', 'i'],
  '\u03ba': ['GREEK SMALL LETTER KAPPA', 'k'],
  '\u03bd': ['GREEK SMALL LETTER NU', 'v'],
  '\u03bf': ['GREEK SMALL LETTER OMICRON', 'o'],
  '\u03c1': ['GREEK SMALL LETTER RHO', 'p'],
  '\u03c5': ['GREEK SMALL LETTER UPSILON', 'u'],
  '\u0391': ['GREEK CAPITAL LETTER ALPHA', 'A'],
  '\u0392': ['GREEK CAPITAL LETTER BETA', 'B'],
  '\u0395': ['GREEK CAPITAL LETTER EPSILON', 'E'],
  '\u0396': ['GREEK CAPITAL LETTER ZETA', 'Z'],
  '\u0397': ['GREEK CAPITAL LETTER ETA', 'H'],
  '\u0399': ['GREEK CAPITAL LETTER IOTA', 'I'],
  '\u039a': ['GREEK CAPITAL LETTER KAPPA', 'K'],
  '\u039c': ['GREEK CAPITAL LETTER MU', 'M'],
  '\u039d': ['GREEK CAPITAL LETTER NU', 'N'],
  '\u039f': ['GREEK CAPITAL LETTER OMICRON', 'O'],
  '\u03a1': ['GREEK CAPITAL LETTER RHO', 'P'],
  '\u03a4': ['GREEK CAPITAL LETTER TAU', 'T'],
  '\u03a5': ['GREEK CAPITAL LETTER UPSILON', 'Y'],
  '\u03a7': ['GREEK CAPITAL LETTER CHI', 'X'],
  // Latin look-alikes outside ASCII
  '\u0131': ['LATIN SMALL LETTER DOTLESS I', 'i'],
  '\u0269': ['LATIN SMALL LETTER IOTA', 'i'],
  '\u01c0': ['LATIN LETTER DENTAL CLICK', 'l'],
};

/** Names of the printable ASCII punctuation and space. */
const ASCII_NAMES: Record<string, string> = {
  ' ': 'SPACE', '!': 'EXCLAMATION MARK', '"': 'QUOTATION MARK', '#': 'NUMBER SIGN', $: 'DOLLAR SIGN', '%': 'PERCENT SIGN',
  '&': 'AMPERSAND', "'": 'APOSTROPHE', '(': 'LEFT PARENTHESIS', ')': 'RIGHT PARENTHESIS', '*': 'ASTERISK', '+': 'PLUS SIGN',
  ',': 'COMMA', '-': 'HYPHEN-MINUS', '.': 'FULL STOP', '/': 'SOLIDUS', ':': 'COLON', ';': 'SEMICOLON', '<': 'LESS-THAN SIGN',
  '=': 'EQUALS SIGN', '>': 'GREATER-THAN SIGN', '?': 'QUESTION MARK', '@': 'COMMERCIAL AT', '[': 'LEFT SQUARE BRACKET',
  '\\': 'REVERSE SOLIDUS', ']': 'RIGHT SQUARE BRACKET', '^': 'CIRCUMFLEX ACCENT', _: 'LOW LINE', '`': 'GRAVE ACCENT',
  '{': 'LEFT CURLY BRACKET', '|': 'VERTICAL LINE', '}': 'RIGHT CURLY BRACKET', '~': 'TILDE',
  '\t': 'CHARACTER TABULATION', '\n': 'LINE FEED', '\r': 'CARRIAGE RETURN',
};

const DIGITS = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE'];

/** Unicode general categories, tested in this order, with words for people. */
const CATEGORIES: [RegExp, string, string][] = [
  [/^\p{Lu}$/u, 'Lu', 'an uppercase letter'],
  [/^\p{Ll}$/u, 'Ll', 'a lowercase letter'],
  [/^\p{Lt}$/u, 'Lt', 'a titlecase letter'],
  [/^\p{Lm}$/u, 'Lm', 'a modifier letter'],
  [/^\p{Lo}$/u, 'Lo', 'a letter'],
  [/^\p{Mn}$/u, 'Mn', 'a combining mark'],
  [/^\p{Mc}$/u, 'Mc', 'a combining mark'],
  [/^\p{Me}$/u, 'Me', 'an enclosing mark'],
  [/^\p{Nd}$/u, 'Nd', 'a digit'],
  [/^\p{Nl}$/u, 'Nl', 'a letter-like number'],
  [/^\p{No}$/u, 'No', 'a number sign'],
  [/^\p{Pd}$/u, 'Pd', 'a dash'],
  [/^\p{P}$/u, 'P', 'punctuation'],
  [/^\p{Sm}$/u, 'Sm', 'a math symbol'],
  [/^\p{Sc}$/u, 'Sc', 'a currency symbol'],
  [/^\p{Sk}$/u, 'Sk', 'a modifier symbol'],
  [/^\p{So}$/u, 'So', 'a symbol'],
  [/^\p{Zs}$/u, 'Zs', 'a space'],
  [/^\p{Zl}$/u, 'Zl', 'a line separator'],
  [/^\p{Zp}$/u, 'Zp', 'a paragraph separator'],
  [/^\p{Cc}$/u, 'Cc', 'a control character'],
  [/^\p{Cf}$/u, 'Cf', 'an invisible formatting character'],
  [/^\p{Co}$/u, 'Co', 'a private-use character'],
  [/^\p{Cs}$/u, 'Cs', 'half of a surrogate pair (broken text)'],
];

const SCRIPTS: [RegExp, string][] = [
  [/^\p{Script=Cyrillic}$/u, 'Cyrillic'],
  [/^\p{Script=Greek}$/u, 'Greek'],
  [/^\p{Script=Armenian}$/u, 'Armenian'],
  [/^\p{Script=Cherokee}$/u, 'Cherokee'],
  [/^\p{Script=Latin}$/u, 'Latin'],
];

/** "U+0430": the code point of the first character of `c`, at least four hex digits. */
export function codePoint(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Whether `c` is a printable ASCII character other than space (U+0021–U+007E): shown as itself, needs no name. */
export function isPlainAscii(c: string): boolean {
  return /^[\x21-\x7e]$/.test(c);
}

/** Whether `c` shows nothing (or only blank space) on screen: whitespace, format and control characters. */
export function isInvisible(c: string): boolean {
  return /^[\p{White_Space}\p{Cf}\p{Cc}\p{Zl}\p{Zp}\u034f\u180e\u3164\uffa0\u115f\u1160]$/u.test(c);
}

/** The Unicode name of `c` when this module knows it (the table above, ASCII letters, digits, punctuation). */
export function charName(c: string): string | undefined {
  const t = TABLE[c];
  if (t) return t[0];
  if (ASCII_NAMES[c]) return ASCII_NAMES[c];
  if (/^[a-z]$/.test(c)) return `LATIN SMALL LETTER ${c.toUpperCase()}`;
  if (/^[A-Z]$/.test(c)) return `LATIN CAPITAL LETTER ${c}`;
  if (/^[0-9]$/.test(c)) return `DIGIT ${DIGITS[Number(c)]}`;
  const cp = c.codePointAt(0) ?? 0;
  // Fullwidth forms U+FF01–U+FF5E mirror ASCII U+0021–U+007E.
  if (cp >= 0xff01 && cp <= 0xff5e) {
    const ascii = String.fromCodePoint(cp - 0xfee0);
    const base = charName(ascii);
    return base ? `FULLWIDTH ${base}` : undefined;
  }
  return undefined;
}

/** The ASCII character `c` looks like (Cyrillic "а" → "a", no-break space → " ", fullwidth "ａ" → "a"), or undefined. */
export function asciiLookAlike(c: string): string | undefined {
  const t = TABLE[c];
  if (t?.[1] !== undefined) return t[1];
  const cp = c.codePointAt(0) ?? 0;
  if (cp >= 0xff01 && cp <= 0xff5e) return String.fromCodePoint(cp - 0xfee0);
  return undefined;
}

/** The general category of `c` as [code, words], e.g. ["Ll", "a lowercase letter"]; ["Cn", "an unassigned code point"] when none fits. */
export function category(c: string): [string, string] {
  for (const [re, code, words] of CATEGORIES) if (re.test(c)) return [code, words];
  return ['Cn', 'an unassigned code point'];
}

/**
 * A character described for people: `U+0430 CYRILLIC SMALL LETTER A` when the name is known, otherwise
 * the code point with its script and category, e.g. `U+0434: a Cyrillic lowercase letter, category Ll`
 * or `U+1F937: a symbol, category So`. Invisible characters say so: `U+200B ZERO WIDTH SPACE, invisible`.
 * Takes the first code point of `c`.
 */
export function describeChar(c: string): string {
  const ch = String.fromCodePoint(c.codePointAt(0) ?? 0);
  const cp = codePoint(ch);
  const name = charName(ch);
  const invisible = isInvisible(ch) && ch !== ' ' ? ', invisible' : '';
  if (name) return `${cp} ${name}${invisible}`;
  const [code, words] = category(ch);
  const script = /^\p{L}$/u.test(ch) ? SCRIPTS.find(([re]) => re.test(ch))?.[1] : undefined;
  const what = script ? words.replace(/^an? /, `a ${script} `) : words;
  return `${cp}: ${what}, category ${code}${invisible}`;
}

/** Whether `text` holds a character people cannot read reliably: anything but printable ASCII and the plain space. */
export function needsNames(text: string): boolean {
  for (const c of text) if (!isPlainAscii(c) && c !== ' ') return true;
  return false;
}

/**
 * `text` as it would look to a reader: invisible characters dropped (the plain space kept), look-alikes
 * replaced by the ASCII character they resemble. Two strings with the same skeleton look the same on screen.
 */
export function skeleton(text: string): string {
  let out = '';
  for (const c of text) {
    const like = asciiLookAlike(c);
    if (like !== undefined) out += like;
    else if (c !== ' ' && isInvisible(c)) continue;
    else out += c;
  }
  return out;
}

/**
 * The characters of `text` that need a name (see {@link needsNames}), each described once, at most
 * `max` of them, e.g. `U+0430 CYRILLIC SMALL LETTER A`. With `all`, every distinct character is named
 * (used when two runs look the same, so the reader sees which is which).
 */
export function nameChars(text: string, opts: { all?: boolean; max?: number } = {}): string[] {
  const seen = new Set<string>();
  for (const c of text) if (opts.all || (!isPlainAscii(c) && c !== ' ')) seen.add(c);
  const list = [...seen];
  const max = opts.max ?? 3;
  const named = list.slice(0, max).map(describeChar);
  if (list.length > max) named.push(`and ${list.length - max} more`);
  return named;
}

/**
 * When `a` and `b` look the same on screen but are different strings (a look-alike letter, an invisible
 * character), a sentence naming the first differing characters; otherwise undefined. `aName`/`bName`
 * name the two values ("the token's", "the credential's").
 */
export function lookAlikeDifference(a: string, b: string, aName: string, bName: string): string | undefined {
  if (a === b || skeleton(a) !== skeleton(b)) return undefined;
  const ac = [...a];
  const bc = [...b];
  let i = 0;
  while (i < ac.length && i < bc.length && ac[i] === bc[i]) i++;
  const x = ac[i];
  const y = bc[i];
  const pos = `character ${i + 1}`;
  if (x !== undefined && y !== undefined && skeleton(x) !== '' && skeleton(x) === skeleton(y)) {
    return `They look the same but are different characters: at ${pos} ${aName} value has “${x}” (${describeChar(x)}) where ${bName} has “${y}” (${describeChar(y)}).`;
  }
  // An invisible character in one of them: name the first one.
  const inA = x !== undefined && isInvisible(x) && (y === undefined || skeleton(ac.slice(i + 1).join('')) === skeleton(bc.slice(i).join('')));
  const extra = inA ? x! : (y ?? x!);
  const who = inA ? aName : bName;
  const other = inA ? bName : aName;
  return `They look the same but are not: at ${pos} ${who} value has an invisible ${describeChar(extra).replace(/, invisible/, '')}, which ${other} lacks.`;
}
