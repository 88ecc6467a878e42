/** Prism grammar modules the build-time highlighter of the setup exports loads (highlightCode.ts). */
declare module 'prismjs/components/prism-bash.js';
declare module 'prismjs/components/prism-hcl.js';
declare module 'prismjs/components/prism-bicep.js';
