/**
 * zod, configured for this site. Import `z` from here, never from 'zod' directly.
 *
 * `jitless`: zod 4 compiles fast object parsers with `new Function` and, to find out whether it may, tries
 * `new Function('')` as soon as an object schema is built. The site's Content-Security-Policy allows no
 * 'unsafe-eval' (astro.config.mjs), so the browser refuses that attempt and reports a CSP violation, even
 * though zod catches the error and falls back to its interpreter. With `jitless` zod skips both the probe
 * and the compiler, everywhere (Node, tests and the browser parse the same way).
 *
 * The setting is read when a schema is built, so it must be in place before any `z.object(...)` runs:
 * every module that builds schemas imports `z` from this module, and ES modules evaluate their imports
 * first, so this file's body always runs before theirs.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
