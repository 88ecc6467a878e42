/**
 * /og/<slug>.png: the 1200×630 link-preview image of each named scenario, rendered at build time
 * (src/lib/og.ts). Scenario pages point their og:image / twitter:image here.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { loadScenarios } from '../../lib/scenarios.ts';
import { scenarioImage } from '../../lib/og.ts';

export const getStaticPaths = (async () => {
  const all = await loadScenarios();
  return all.map((s) => ({ params: { slug: s.slug } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const entry = (await loadScenarios()).find((s) => s.slug === params.slug);
  if (!entry) return new Response('Not found', { status: 404 });
  const png = await scenarioImage(entry.scenario.title, entry.result);
  return new Response(png as BodyInit, { headers: { 'Content-Type': 'image/png' } });
};
