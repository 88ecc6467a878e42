/**
 * The part of Prism's API (prismjs 1.30, prism-core.js) that highlight.ts uses: `tokenize` and the
 * language grammars the JSON and YAML components register. Declared here instead of adding @types/prismjs
 * for two functions.
 */
declare module 'prismjs/components/prism-core.js' {
  export interface PrismToken {
    type: string;
    content: PrismStream;
    alias?: string | string[];
    length: number;
  }
  export type PrismStream = string | PrismToken | (string | PrismToken)[];
  export type Grammar = Record<string, unknown>;
  const Prism: {
    languages: Record<string, Grammar | undefined>;
    tokenize(text: string, grammar: Grammar): (string | PrismToken)[];
    manual?: boolean;
  };
  export default Prism;
}
declare module 'prismjs/components/prism-json.js';
declare module 'prismjs/components/prism-yaml.js';
