/**
 * {@link startOffline}, called by the pages that already run JavaScript (the playground, the challenges,
 * the presenter view): registers the service worker `/sw.js`, shows "Available offline" once every file
 * is stored in this browser (and "Offline" while the network is down), and, when a new version of the site is waiting, a prompt to reload into it. Content pages ship
 * no JavaScript, so they do not register the worker themselves; once it is installed from any of those
 * pages, it serves every page of the site, content pages included.
 * Framework-free and small; nothing happens inside an iframe (embeds) or without service worker support.
 *
 * Elements are built with the DOM API and styled through the CSSOM (no inline style attributes, no
 * HTML strings), so the Content-Security-Policy holds.
 */

const SW_URL = '/sw.js';
/** Where the note goes: the site footer, or a place a page without one (the presenter view) marks. */
const FOOTER_SELECTOR = '.site-footer__inner, [data-offline-slot]';

type Styles = Partial<Record<keyof CSSStyleDeclaration, string>>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, styles: Styles = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node.style, styles);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The "Available offline" note: in the site footer (or a `data-offline-slot` element) when there is one, else a small corner note. */
function statusNote(): HTMLElement {
  const existing = document.querySelector<HTMLElement>('[data-testid="offline-status"]');
  if (existing) return existing;
  const footer = document.querySelector(FOOTER_SELECTOR);
  const note = footer
    ? el('p', { margin: '0' })
    : el('p', {
        position: 'fixed',
        left: '0.75rem',
        bottom: '0.75rem',
        zIndex: '50',
        margin: '0',
        padding: '0.2rem 0.6rem',
        borderRadius: '999px',
        border: '1px solid var(--border, GrayText)',
        background: 'var(--surface, Canvas)',
        color: 'var(--text, CanvasText)',
        fontSize: '0.8rem',
      });
  note.dataset.testid = 'offline-status';
  note.setAttribute('role', 'status');
  (footer ?? document.body).append(note);
  return note;
}

function showStatus(stored: boolean): void {
  const note = statusNote();
  const offline = !navigator.onLine;
  note.dataset.state = offline ? 'offline' : stored ? 'ready' : 'storing';
  note.replaceChildren();
  const icon = el('span', {}, offline ? '⚡ ' : stored ? '✓ ' : '… ');
  icon.setAttribute('aria-hidden', 'true');
  note.append(
    icon,
    offline
      ? stored
        ? 'Offline: pages come from the copy stored in this browser.'
        : 'Offline.'
      : stored
        ? 'Available offline in this browser.'
        : 'Storing the site for offline use…',
  );
}

/** The "new version" prompt, with Reload (activates the waiting worker) and Not now. */
function showUpdatePrompt(waiting: ServiceWorker, onAccept: () => void): void {
  if (document.querySelector('[data-testid="update-prompt"]')) return;
  const box = el('div', {
    position: 'fixed',
    right: '1rem',
    bottom: '1rem',
    zIndex: '60',
    maxWidth: '22rem',
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: '0.5rem 0.75rem',
    padding: '0.75rem 0.9rem',
    borderRadius: '10px',
    border: '1px solid var(--border-strong, GrayText)',
    borderLeft: '5px solid var(--accent, LinkText)',
    background: 'var(--surface, Canvas)',
    color: 'var(--text, CanvasText)',
    boxShadow: '0 4px 16px rgb(0 0 0 / 0.2)',
    fontSize: '0.95rem',
  });
  box.dataset.testid = 'update-prompt';
  box.setAttribute('role', 'status');
  const text = el('p', { margin: '0', flex: '1 1 12rem' }, 'A new version of this site is available.');
  const buttonStyle: Styles = {
    font: 'inherit',
    fontWeight: '600',
    padding: '0.3rem 0.75rem',
    borderRadius: '6px',
    border: '1px solid var(--border-strong, ButtonBorder)',
    background: 'var(--surface, ButtonFace)',
    color: 'var(--text, ButtonText)',
    cursor: 'pointer',
  };
  const reload = el('button', { ...buttonStyle, background: 'var(--accent, LinkText)', color: 'var(--accent-contrast, Canvas)', borderColor: 'var(--accent, LinkText)' }, 'Reload');
  reload.type = 'button';
  reload.dataset.testid = 'update-reload';
  const later = el('button', buttonStyle, 'Not now');
  later.type = 'button';
  reload.addEventListener('click', () => {
    onAccept();
    waiting.postMessage({ type: 'SKIP_WAITING' });
    reload.disabled = true;
    reload.textContent = 'Reloading…';
  });
  later.addEventListener('click', () => box.remove());
  box.append(text, reload, later);
  document.body.append(box);
}

async function start(): Promise<void> {
  const sw = navigator.serviceWorker;
  let accepted = false;
  let reloading = false;
  sw.addEventListener('controllerchange', () => {
    if (accepted && !reloading) {
      reloading = true;
      window.location.reload();
    }
  });
  const reg = await sw.register(SW_URL, { scope: '/' });
  const watch = (worker: ServiceWorker | null) => {
    if (!worker) return;
    const check = () => {
      // "installed" with a page already controlled: a new version waits for the reader's go-ahead.
      if (worker.state === 'installed' && sw.controller) showUpdatePrompt(worker, () => (accepted = true));
    };
    check();
    worker.addEventListener('statechange', check);
  };
  if (reg.waiting && sw.controller) watch(reg.waiting);
  watch(reg.installing);
  reg.addEventListener('updatefound', () => watch(reg.installing));
  if (!reg.active) showStatus(false);
  // `ready`: an active worker exists, so its install (the whole precache) has completed.
  await sw.ready;
  const stored = () => showStatus(true);
  stored();
  window.addEventListener('online', stored);
  window.addEventListener('offline', stored);
  // Long sessions (a workshop day): look for a new version every hour.
  setInterval(() => void reg.update().catch(() => undefined), 60 * 60 * 1000);
}

let started = false;

/** Registers the service worker and shows its state (once per page; later calls do nothing). */
export function startOffline(): void {
  // Set by the offline integration (integration.ts); without it there is no /sw.js to register.
  if (started || typeof window === 'undefined' || !import.meta.env.WIL_OFFLINE) return;
  started = true;
  if (!('serviceWorker' in navigator) || window.self !== window.top || !window.isSecureContext) return;
  const go = () => void start().catch(() => undefined);
  if (document.readyState === 'complete') go();
  else window.addEventListener('load', go, { once: true });
}
