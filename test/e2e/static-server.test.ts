import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from './static-server.ts';

// The e2e suite trusts this server to behave like a static host; check it on a throwaway tree.
describe('e2e static server', () => {
  let root: string;
  let server: StaticServer;
  const get = (path: string, init?: RequestInit) => fetch(new URL(path, server.url), { redirect: 'manual', ...init });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'wil-static-'));
    mkdirSync(join(root, 'playground'));
    mkdirSync(join(root, '_astro'));
    mkdirSync(join(root, 'empty'));
    writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
    writeFileSync(join(root, 'playground', 'index.html'), '<h1>playground</h1>');
    for (const ext of ['js', 'css', 'svg', 'json', 'woff2', 'wasm', 'ttf']) {
      writeFileSync(join(root, '_astro', `a.${ext}`), `x-${ext}`);
    }
    writeFileSync(join(root, '..', `${root.split('/').pop()}-secret.txt`), 'secret');
    server = await startStaticServer(root);
  });

  afterAll(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(`${root}-secret.txt`, { force: true });
  });

  it('listens on 127.0.0.1 at a real port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.url).not.toMatch(/:0\/$/);
  });

  it('serves / and /playground/ from their index.html', async () => {
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toBe('<h1>home</h1>');
    const playground = await get('/playground/');
    expect(playground.status).toBe(200);
    expect(await playground.text()).toBe('<h1>playground</h1>');
  });

  it('redirects a directory without its trailing slash', async () => {
    const res = await get('/playground?x=1');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/playground/?x=1');
  });

  it.each([
    ['js', 'text/javascript; charset=utf-8'],
    ['css', 'text/css; charset=utf-8'],
    ['svg', 'image/svg+xml'],
    ['json', 'application/json; charset=utf-8'],
    ['woff2', 'font/woff2'],
    ['wasm', 'application/wasm'],
    ['ttf', 'font/ttf'],
  ])('serves .%s as %s', async (ext, type) => {
    const res = await get(`/_astro/a.${ext}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(await res.text()).toBe(`x-${ext}`);
  });

  it('answers HEAD without a body', async () => {
    const res = await get('/_astro/a.js', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('4'); // 'x-js'
    expect(await res.text()).toBe('');
  });

  it('returns 404 for missing files and for a directory without index.html', async () => {
    expect((await get('/nope.js')).status).toBe(404);
    expect((await get('/missing/')).status).toBe(404);
    expect((await get('/empty/')).status).toBe(404);
  });

  it('serves 404.html as the body of a 404 when the site has one', async () => {
    writeFileSync(join(root, '404.html'), '<h1>not here</h1>');
    const res = await get('/nope/');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe('<h1>not here</h1>');
    rmSync(join(root, '404.html'));
  });

  it('never serves files outside its root', async () => {
    const name = `${root.split('/').pop()}-secret.txt`;
    for (const path of [`/../${name}`, `/%2e%2e/${name}`, `/_astro/..%2f..%2f${name}`]) {
      const res = await get(path);
      expect(res.status, path).not.toBe(200);
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await get('/', { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});
