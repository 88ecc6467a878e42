/**
 * The addresses the printed cheat sheet shows (src/pages/workshop/cheat-sheet/). Paper has no links, so a
 * path such as `/playground/` only helps a reader who knows which site it belongs to. The site's public
 * origin is known at build time only when the deployer sets it (`SITE_URL`, read by astro.config.mjs into
 * Astro's `site`); without it `site` is a placeholder on a reserved name, and printing that would send
 * readers to an address that does not exist. So: absolute URLs when the origin is real, plain paths (next
 * to the site's name) when it is not. Pure functions; no DOM.
 */

/**
 * Host names that can never be a public site: the reserved top-level names of RFC 2606 and RFC 6761
 * (`.example`, `.test`, `.invalid`, `.localhost`), the reserved `example.com/.net/.org`, and loopback.
 */
const PLACEHOLDER_HOST = /(^|\.)(example|test|invalid|localhost)$|(^|\.)example\.(com|net|org)$|^127\.|^\[::1\]$/i;

/**
 * The public origin (`https://host[:port]`, no trailing slash) of the site from Astro's `site` URL, or
 * `null` when there is none or it is a placeholder host (see {@link PLACEHOLDER_HOST}).
 */
export function publicOrigin(site: URL | string | undefined): string | null {
  if (!site) return null;
  const url = new URL(site);
  return PLACEHOLDER_HOST.test(url.hostname) ? null : url.origin;
}

/**
 * What to print for a site path (`/playground/`, `/errors/<code>/`): the absolute URL on the public origin
 * when there is one, else the path unchanged. `path` must start with `/`. Placeholders such as `<code>`
 * are kept as written (not percent-encoded): they are for a person to fill in.
 */
export function printedUrl(path: string, site: URL | string | undefined): string {
  if (!path.startsWith('/')) throw new Error(`printedUrl: "${path}" is not a site path (it must start with "/")`);
  const origin = publicOrigin(site);
  return origin ? `${origin}${path}` : path;
}
