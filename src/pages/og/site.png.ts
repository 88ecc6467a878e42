/**
 * /og/site.png: the site's default 1200×630 link-preview image (Base.astro's default og:image),
 * rendered at build time (src/lib/og.ts).
 */
import type { APIRoute } from 'astro';
import { siteImage } from '../../lib/og.ts';

export const GET: APIRoute = async () => {
  return new Response((await siteImage()) as BodyInit, { headers: { 'Content-Type': 'image/png' } });
};
