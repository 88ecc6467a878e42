/**
 * /icons/<name>.png: the app icons listed in the web app manifest (and the iOS home-screen icon),
 * rendered at build time from public/favicon.svg (src/components/workshop/offline/icons.ts).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { APP_ICONS } from '../../components/workshop/offline/precache.ts';
import { renderIcon } from '../../components/workshop/offline/icons.ts';

export const getStaticPaths = (() => APP_ICONS.map((icon) => ({ params: { name: icon.name }, props: { icon } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ icon: (typeof APP_ICONS)[number] }> = ({ props }) =>
  new Response(renderIcon(props.icon) as BodyInit, { headers: { 'Content-Type': 'image/png' } });
