/**
 * The addresses the printed cheat sheet shows (cheat-sheet-urls.ts): absolute on a real public origin,
 * plain paths when the build only has a placeholder origin (SITE_URL unset).
 */
import { describe, expect, it } from 'vitest';
import { printedUrl, publicOrigin } from '../../src/components/workshop/cheat-sheet-urls.ts';

describe('printed addresses on the cheat sheet', () => {
  it('uses the public origin when the build has a real one (trailing slash, path and port handled)', () => {
    expect(publicOrigin('https://lab.contoso.dev/')).toBe('https://lab.contoso.dev');
    expect(publicOrigin(new URL('https://learn.contoso.dev:8443/some/base/'))).toBe('https://learn.contoso.dev:8443');
    expect(printedUrl('/playground/', 'https://lab.contoso.dev/')).toBe('https://lab.contoso.dev/playground/');
    // Placeholders for a person to fill in stay readable (not percent-encoded).
    expect(printedUrl('/errors/<code>/', 'https://lab.contoso.dev')).toBe('https://lab.contoso.dev/errors/<code>/');
  });

  it('prints paths when the origin is missing or a name reserved for examples, tests or this machine', () => {
    for (const site of [
      undefined,
      'https://workload-identity-lab.example',
      'https://example.com/',
      'https://docs.example.org/',
      'http://site.test/',
      'http://localhost:4321/',
      'http://app.localhost/',
      'http://127.0.0.1:8080/',
      'http://[::1]:4321/',
      'https://x.invalid/',
    ]) {
      expect(publicOrigin(site), String(site)).toBeNull();
      expect(printedUrl('/playground/', site), String(site)).toBe('/playground/');
    }
  });

  it('does not take names that merely contain a reserved word for placeholders', () => {
    expect(publicOrigin('https://example-lab.dev/')).toBe('https://example-lab.dev');
    expect(publicOrigin('https://testing.dev/')).toBe('https://testing.dev');
    expect(publicOrigin('https://myexample.com/')).toBe('https://myexample.com');
  });

  it('refuses something that is not a site path', () => {
    expect(() => printedUrl('playground/', 'https://lab.contoso.dev')).toThrow(/not a site path/);
  });
});
