/**
 * /scenarios/<slug>/setup/<file>: each exported setup file of a scenario ("Set it up for real", issue 14),
 * built as a static file for the download links (setup.sh, main.tf, main.bicep, workload.yaml, the
 * GitHub workflow file). Same text as shown on the scenario page (src/export).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { loadScenarios } from '../../../../lib/scenarios.ts';
import { exportAll, type ExportFile } from '../../../../export/index.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const all = await loadScenarios();
  return all.flatMap((entry) => exportAll(entry.result, entry.scenario.title).map((file) => ({ params: { slug: entry.slug, file: file.filename }, props: { file } })));
};

export const GET: APIRoute = ({ props }) => {
  const file = (props as { file: ExportFile }).file;
  return new Response(file.text, { headers: { 'Content-Type': `${file.mime}; charset=utf-8` } });
};
