/**
 * Unicode spaces where YAML needs a plain space. Text copied from web pages, chat tools and word
 * processors often carries NO-BREAK SPACE (U+00A0) or similar characters in its indentation or after a
 * `key:`; YAML 1.2 only treats U+0020 (and tab, outside indentation) as white space there (YAML 1.2.2
 * §5.5 "White Space Characters", §6.1 "Indentation Spaces"), so the parser then reports something
 * confusing ("Implicit keys need to be on a single line", or an unknown field named "  name").
 * This module finds the first such character so editors can say what it is and where.
 */

/** Space-like characters that YAML does not accept as white space, with their Unicode names. */
const SPACE_NAMES: Readonly<Record<string, string>> = {
  '\u00a0': 'NO-BREAK SPACE (U+00A0)',
  '\u1680': 'OGHAM SPACE MARK (U+1680)',
  '\u2000': 'EN QUAD (U+2000)',
  '\u2001': 'EM QUAD (U+2001)',
  '\u2002': 'EN SPACE (U+2002)',
  '\u2003': 'EM SPACE (U+2003)',
  '\u2004': 'THREE-PER-EM SPACE (U+2004)',
  '\u2005': 'FOUR-PER-EM SPACE (U+2005)',
  '\u2006': 'SIX-PER-EM SPACE (U+2006)',
  '\u2007': 'FIGURE SPACE (U+2007)',
  '\u2008': 'PUNCTUATION SPACE (U+2008)',
  '\u2009': 'THIN SPACE (U+2009)',
  '\u200a': 'HAIR SPACE (U+200A)',
  '\u200b': 'ZERO WIDTH SPACE (U+200B)',
  '\u202f': 'NARROW NO-BREAK SPACE (U+202F)',
  '\u205f': 'MEDIUM MATHEMATICAL SPACE (U+205F)',
  '\u3000': 'IDEOGRAPHIC SPACE (U+3000)',
  '\ufeff': 'ZERO WIDTH NO-BREAK SPACE (U+FEFF)',
};

/** Where a stray Unicode space sits: 1-based line and column (in UTF-16 code units), and what it is. */
export interface StraySpace {
  line: number;
  column: number;
  /** The character's Unicode name and code point, e.g. "NO-BREAK SPACE (U+00A0)". */
  name: string;
  /** A full sentence for an editor's error line, without the position (callers show line and column). */
  message: string;
}

const isStray = (c: string | undefined): c is string => c !== undefined && c in SPACE_NAMES;

/**
 * The first Unicode space that sits where YAML syntax needs a plain space: in a line's indentation
 * (before its first other character, after an optional "- " sequence marker), or right after the colon
 * of a `key:` (and after the "-" of a sequence entry). Characters inside values (after the first
 * non-space character of a value) are left alone: there they are data. A byte order mark at the very
 * start of the text is allowed (YAML 1.2.2 §5.2). Never throws.
 */
export function findStraySpace(text: string): StraySpace | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = i === 0 && line.startsWith('\ufeff') ? 1 : 0;
    let col: number | undefined;
    // Indentation, including after sequence markers ("  - - name").
    for (let j = start; j < line.length; j++) {
      const c = line[j]!;
      if (isStray(c)) {
        col = j;
        break;
      }
      if (c === ' ' || c === '\t' || (c === '-' && (line[j + 1] === ' ' || isStray(line[j + 1])))) continue;
      // A plain key followed by ":" and stray space(s) before its value.
      const m = /^[^#'"{}[\]:\s]+:[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]/.exec(line.slice(j));
      if (m) col = j + m[0].length - 1;
      break;
    }
    if (col !== undefined) {
      const c = line[col]!;
      const name = SPACE_NAMES[c]!;
      return {
        line: i + 1,
        column: col + 1,
        name,
        message: `A ${name} where YAML needs a plain space (probably copied from a web page or a document). Replace it with a normal space.`,
      };
    }
  }
  return undefined;
}
