/**
 * The app icons of the web app manifest (and the iOS home-screen icon), rendered at build time from the
 * site's logo, public/favicon.svg (a 32×32 viewBox), so that there is one drawing to maintain.
 * Build-time only (Node, resvg): imported by src/pages/icons/[name].png.ts, never by client code.
 * Sizes are in pixels; the list is {@link APP_ICONS} in precache.ts.
 */
import { Resvg } from '@resvg/resvg-js';
// The text of the file (Vite `?raw`): works the same from the bundled build code as from the sources.
import logoSvg from '../../../../public/favicon.svg?raw';
import { APP_ICONS } from './precache.ts';

export type AppIcon = (typeof APP_ICONS)[number];

/**
 * Height of the logo as a share of the icon's side. Maskable: 56 %, which keeps the logo inside the
 * safe zone (a centred circle of 80 % of the width; the logo's corners stay within 36 % of the centre).
 * Apple: 70 % on an opaque square that iOS rounds. Any: 90 % on a transparent square.
 */
const LOGO_SHARE: Record<AppIcon['purpose'], number> = { maskable: 0.56, apple: 0.7, any: 0.9 };

/** PNG bytes of one icon: the logo centred on a `size`×`size` square, on `background` when it has one. */
export function renderIcon(icon: AppIcon): Uint8Array {
  const { size } = icon;
  const logo = Math.round(size * LOGO_SHARE[icon.purpose]);
  const offset = Math.round((size - logo) / 2);
  // The logo as a nested <svg>, placed and scaled by its own x/y/width/height.
  const inner = logoSvg.replace(/<svg\b/, `<svg x="${offset}" y="${offset}" width="${logo}" height="${logo}"`);
  const background = 'background' in icon ? `<rect width="${size}" height="${size}" fill="${icon.background}"/>` : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${background}${inner}</svg>`;
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
}
