/**
 * A tiny static file server for the built site (`dist/`), used by the e2e global setup.
 *
 * Only node:http / node:fs: no dependency, no caching, no compression. It behaves like the static
 * hosts the site is meant for:
 * - `/dir/` serves `dir/index.html`; `/dir` (a directory, no slash) redirects 301 to `/dir/`
 *   (the site is built with `trailingSlash: 'always'`).
 * - Content types come from the file extension (see {@link CONTENT_TYPES}); unknown ones are
 *   `application/octet-stream`.
 * - A missing file is a 404 (with `dist/404.html` as the body when the site has one).
 * - Only GET and HEAD are allowed (405 otherwise); paths escaping the root are refused (403).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

/** Content type by lower-case file extension (with the dot). */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
};

/** Content type for a file path, by its extension; `application/octet-stream` when unknown. */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** A running static server. */
export interface StaticServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  /** Stops accepting connections, closes open ones and resolves when the server is down. */
  close(): Promise<void>;
}

async function fileAt(path: string): Promise<{ kind: 'file' | 'dir'; size: number } | null> {
  try {
    const s = await stat(path);
    if (s.isFile()) return { kind: 'file', size: s.size };
    if (s.isDirectory()) return { kind: 'dir', size: 0 };
    return null;
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

async function sendFile(req: IncomingMessage, res: ServerResponse, path: string, size: number, status = 200) {
  res.writeHead(status, {
    'content-type': contentTypeFor(path),
    'content-length': size,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(path);
    stream.on('error', () => {
      res.destroy();
      done();
    });
    stream.on('end', () => done());
    stream.pipe(res);
  });
}

function handler(root: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      send(res, 405, 'Method Not Allowed\n');
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      send(res, 400, 'Bad Request\n');
      return;
    }
    if (pathname.includes('\0')) {
      send(res, 400, 'Bad Request\n');
      return;
    }
    const target = resolve(root, `.${pathname}`);
    if (target !== root && !target.startsWith(root + sep)) {
      send(res, 403, 'Forbidden\n');
      return;
    }

    const found = await fileAt(target);
    if (found?.kind === 'dir') {
      if (!pathname.endsWith('/')) {
        const query = new URL(req.url ?? '/', 'http://localhost').search;
        res.writeHead(301, { location: `${pathname}/${query}`, 'cache-control': 'no-store' });
        res.end();
        return;
      }
      const index = join(target, 'index.html');
      const indexFile = await fileAt(index);
      if (indexFile?.kind === 'file') {
        await sendFile(req, res, index, indexFile.size);
        return;
      }
    } else if (found?.kind === 'file') {
      await sendFile(req, res, target, found.size);
      return;
    }

    const notFoundPage = join(root, '404.html');
    const notFound = await fileAt(notFoundPage);
    if (notFound?.kind === 'file') {
      await sendFile(req, res, notFoundPage, notFound.size, 404);
    } else {
      send(res, 404, 'Not Found\n');
    }
  };
}

/**
 * Serves `rootDir` on `host` (default 127.0.0.1) at `port` (default 0 = a free port picked by the OS).
 * Resolves once the server listens. Throws if the port cannot be bound.
 */
export async function startStaticServer(
  rootDir: string,
  { host = '127.0.0.1', port = 0 }: { host?: string; port?: number } = {},
): Promise<StaticServer> {
  const root = resolve(rootDir);
  const handle = handler(root);
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const { port: boundPort } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${boundPort}/`,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.close((err) => (err ? fail(err) : ok()));
        server.closeAllConnections();
      }),
  };
}
