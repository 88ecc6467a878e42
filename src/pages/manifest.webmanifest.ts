/**
 * /manifest.webmanifest: the web app manifest (name, start URL, colours, icons), linked from every page's
 * head (Base.astro, and the lessons through astro.config.mjs). Its content is WEB_MANIFEST in
 * src/components/workshop/offline/precache.ts.
 */
import type { APIRoute } from 'astro';
import { WEB_MANIFEST } from '../components/workshop/offline/precache.ts';

export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(WEB_MANIFEST, null, 2)}\n`, { headers: { 'Content-Type': 'application/manifest+json' } });
