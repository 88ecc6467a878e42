// @ts-check
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';
import starlight from '@astrojs/starlight';
import validateScenarios from './src/integrations/validate-scenarios.ts';
import offline from './src/components/workshop/offline/integration.ts';

const require = createRequire(import.meta.url);

/**
 * CSP hashes (`sha256-…`, the form Astro's `scriptDirective.hashes` takes) for the `is:inline` scripts of the given .astro files, computed
 * from their source. Astro copies an `is:inline` script into the page as it is written (no bundling, no
 * minifying), so the hash of the text between the tags is the hash the browser checks.
 * `scripts` is how many such scripts the file holds: a component that gains, loses or moves one (e.g. a
 * Starlight update) stops the build here instead of shipping a page whose script the CSP blocks. A script
 * with `define:vars` is rewritten by Astro and cannot be hashed this way: that also stops the build.
 * test/e2e/security.test.ts checks every inline script of every built page against its page's policy.
 * @param {{ file: string, scripts: number }[]} sources
 * @returns {import('astro').CspHashEntry[]}
 */
function inlineScriptHashes(sources) {
  return sources.flatMap(({ file, scripts }) => {
    const found = [...readFileSync(file, 'utf8').matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => /\bis:inline\b/.test(m[1] ?? ''));
    if (found.length !== scripts) {
      throw new Error(`astro.config.mjs: expected ${scripts} is:inline script(s) in ${file}, found ${found.length}: update the CSP hash sources`);
    }
    if (found.some((m) => /\bdefine:vars\b/.test(m[1] ?? ''))) {
      throw new Error(`astro.config.mjs: ${file} has an is:inline script with define:vars, which Astro rewrites: its hash cannot come from the source`);
    }
    return found.map((m) => /** @type {const} */ (`sha256-${createHash('sha256').update(m[2] ?? '', 'utf8').digest('base64')}`));
  });
}

// Static site: every page is pre-rendered; islands hydrate only where they are used.
export default defineConfig({
  output: 'static',
  // The public origin, for canonical URLs, link previews and share links. Set SITE_URL when deploying;
  // pages rewrite copied links to the origin they are served from either way.
  site: process.env.SITE_URL ?? 'https://workload-identity-lab.example',
  trailingSlash: 'always',
  // Starlight would turn on prefetching (a script on every page); the site's content pages ship no JS.
  prefetch: false,
  integrations: [
    react(),
    validateScenarios(),
    // The sitemap (Starlight adds this same integration unconfigured when none is listed). Embeds are left
    // out: they are `noindex` (src/components/embed/EmbedLayout.astro), each repeats its scenario page,
    // which its canonical link names, and /embed/ itself is empty until a share link's #s= fills it.
    sitemap({ filter: (page) => !new URL(page).pathname.startsWith('/embed/') }),
    // The lessons at /learn/ (content/learn/*.mdx, schema in src/content.config.ts). Starlight only
    // renders the `docs` collection's entries, so `/` and every page in src/pages stay ours. It also
    // switches the site to `scopedStyleStrategy: 'where'`; the other pages were compared pixel by pixel
    // before and after (identical).
    starlight({
      title: 'Workload Identity Lab',
      // "<lesson> · Workload Identity Lab", like every other page's <title> (src/layouts/Base.astro).
      titleDelimiter: '·',
      description: 'A hands-on course on Kubernetes workload identity federation: AKS, Microsoft Entra ID, managed identities.',
      favicon: '/favicon.svg',
      // Link previews for lessons: the site's default preview image (Starlight adds og:title and the rest).
      head: [
        { tag: 'meta', attrs: { property: 'og:image', content: new URL('/og/site.png', process.env.SITE_URL ?? 'https://workload-identity-lab.example').href } },
        { tag: 'meta', attrs: { name: 'twitter:image', content: new URL('/og/site.png', process.env.SITE_URL ?? 'https://workload-identity-lab.example').href } },
        // The web app manifest and home-screen icon, as on every other page (src/layouts/Base.astro).
        { tag: 'link', attrs: { rel: 'manifest', href: '/manifest.webmanifest' } },
        { tag: 'link', attrs: { rel: 'apple-touch-icon', href: '/icons/apple-touch-icon.png' } },
      ],
      // No Starlight 404 page: a missing URL is not a lesson.
      disable404Route: true,
      customCss: ['./src/styles/starlight.css'],
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 2 },
      // Asides (:::note) and heading anchors also for lessons outside src/content/docs.
      markdown: { processedDirs: ['./content/learn/'] },
      pagination: true,
      components: {
        // Site links (Home, Playground, Scenarios) where Starlight puts social links: header and mobile menu.
        SocialIcons: './src/components/learn/starlight/SiteLinks.astro',
        // Follow the system colour scheme, like every other page of the site (no separate theme picker).
        ThemeProvider: './src/components/learn/starlight/ThemeProvider.astro',
        ThemeSelect: './src/components/learn/starlight/ThemeSelect.astro',
        // Sidebar with lesson progress (✓ marks) and a reset-progress control.
        Sidebar: './src/components/learn/starlight/Sidebar.astro',
        // Title followed by the lesson's goals and duration from the frontmatter.
        PageTitle: './src/components/learn/starlight/PageTitle.astro',
      },
      sidebar: [
        { label: 'Course overview', link: '/learn/' },
        {
          label: 'Lessons',
          items: [
            // In the lessons' `order` (frontmatter); Starlight's previous/next links follow this list, and
            // test/unit/learn-content.test.ts checks the two agree.
            'learn/big-picture',
            'learn/why-it-matters',
            'learn/oidc-issuer',
            'learn/service-account-token',
            'learn/federated-credential',
            'learn/token-exchange',
            'learn/managed-identity',
            'learn/troubleshooting',
            'learn/beyond-github',
            'learn/beyond-eks',
          ],
        },
        { label: 'Glossary', link: '/learn/glossary/' },
        // Outside the course: every error code the simulator knows, with its stage, causes and fix.
        { label: 'Error codes', link: '/errors/' },
      ],
    }),
    // Offline use after one visit: writes dist/sw.js (a Workbox precache of every page and asset) and
    // dist/manifest.webmanifest once the build is done; the playground, the challenges and the presenter
    // view register the worker. Last in this list on purpose: Starlight appends its Pagefind step (the
    // lessons' search index, written after the build) behind the integrations listed here, and the
    // worker must be generated after it so that the index is stored too.
    offline(),
  ],
  // Content-Security-Policy on every page, as a <meta http-equiv> tag (a static host sends no headers of
  // ours). Scripts: the site's own files plus a hash of each inline script (Astro hashes the scripts it
  // bundles; `hashes` lists the `is:inline` ones); no 'unsafe-inline', no 'unsafe-eval'. 'wasm-unsafe-eval'
  // lets the lessons' search (Pagefind) compile its WebAssembly; it does not allow eval(). Styles allow
  // 'unsafe-inline': Monaco and Mermaid set inline styles and <style> elements at run time (toolchain.md,
  // pitfall 8). Nothing loads from or connects to another origin. frame-ancestors is deliberately absent:
  // /embed/ pages must be frameable by other sites (and a <meta> CSP cannot set it anyway).
  // test/e2e/security.test.ts checks the policy of every built page; routes.test.ts that nothing trips it.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: {
        resources: ["'self'", "'wasm-unsafe-eval'"],
        // SHA-256 of the `is:inline` scripts of the lesson pages (the site's other pages have none), taken
        // from the components' source at build time (inlineScriptHashes above).
        hashes: inlineScriptHashes([
          // Our ThemeProvider: follows the system colour scheme before first paint.
          { file: fileURLToPath(new URL('./src/components/learn/starlight/ThemeProvider.astro', import.meta.url)), scripts: 1 },
          // Starlight's search button: shows the platform's keyboard shortcut.
          { file: require.resolve('@astrojs/starlight/components/Search.astro'), scripts: 1 },
          // Starlight's sidebar: restores the open groups and the scroll position.
          { file: require.resolve('@astrojs/starlight/components/SidebarPersister.astro'), scripts: 2 },
        ]),
      },
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  },
  vite: {
    worker: { format: 'es' },
  },
});
