/**
 * Layer rules, enforced in `npm test` (`npm run test:deps`), not by review (issue 11):
 * - no import cycles anywhere in src/;
 * - the engine is pure: it imports no UI, page, layout, CLI or integration module, and no browser/UI library;
 * - the shared Entra and Azure rules (src/engine/entra, src/engine/azure) depend on no provider;
 * - a provider folder imports no other provider's folder (shared code lives in entra/, azure/, or a
 *   *-common folder);
 * - src/export (the exporters) imports only the engine, and the engine never imports it.
 * dependency-cruiser: https://github.com/sverweij/dependency-cruiser (rules reference: doc/rules-reference.md).
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Import cycles make load order fragile; the engine must be a DAG.', from: { path: '^src/' }, to: { circular: true } },
    {
      name: 'engine-is-pure',
      severity: 'error',
      comment: 'src/engine runs unchanged in Node, the CLI and the browser: no UI, routes, CLI or integrations.',
      from: { path: '^src/engine/' },
      to: { path: '^src/(components|pages|layouts|cli|integrations|styles|content)/' },
    },
    {
      name: 'engine-no-ui-libraries',
      severity: 'error',
      comment: 'No DOM or UI framework in the engine.',
      from: { path: '^src/engine/' },
      to: { path: 'node_modules/(react|react-dom|astro|@astrojs|monaco-editor|mermaid)/' },
    },
    {
      name: 'shared-rules-know-no-provider',
      severity: 'error',
      comment: 'Rules shared by every Entra-side provider must not depend on one provider.',
      from: { path: '^src/engine/(entra|azure|kubernetes)/' },
      to: { path: '^src/engine/providers/' },
    },
    {
      name: 'providers-stay-in-their-folder',
      severity: 'error',
      comment: 'A provider reuses shared code (entra/, azure/, *-common/), never another provider.',
      from: { path: '^src/engine/providers/([^/]+)/' },
      to: { path: '^src/engine/providers/([^/]+)/', pathNot: ['^src/engine/providers/$1/', '^src/engine/providers/[^/]+-common/'] },
    },
    {
      name: 'export-is-pure',
      severity: 'error',
      comment: 'src/export (issue 14: "Set it up for real") turns a chain result into text: it reads the engine only, and runs unchanged in the build, the CLI and the browser.',
      from: { path: '^src/export/' },
      to: { path: ['^src/(components|pages|layouts|cli|integrations|styles|content|lib)/', 'node_modules/(react|react-dom|astro|@astrojs|monaco-editor|mermaid|prismjs)/'] },
    },
    {
      name: 'engine-does-not-know-export',
      severity: 'error',
      comment: 'The exporters sit above the engine; the engine never imports them.',
      from: { path: '^src/engine/' },
      to: { path: '^src/export/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
