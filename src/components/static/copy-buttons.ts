/**
 * Progressive enhancement for "Copy …" buttons. Markup (see ShareBox.astro): a readonly field with an id
 * and a `<button data-copy="<field id>" hidden>`. Without JavaScript the buttons stay hidden and the
 * field can be selected and copied by hand; with it, each button appears and copies its field's value,
 * then says so in its status element (`data-copy-status`, a polite live region).
 */
function fieldValue(id: string): string | undefined {
  const el = document.getElementById(id);
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value;
  return el?.textContent ?? undefined;
}

async function copyText(text: string, fallbackId: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Older browsers or a denied permission: select the field so the user can press Ctrl+C.
    const el = document.getElementById(fallbackId);
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
      el.focus();
      el.select();
    }
    return false;
  }
}

/**
 * The fields are rendered at build time with the configured site origin (`site` in astro.config.mjs).
 * When the page is served from another origin (a preview, a mirror, localhost), rewrite them so copied
 * links point where the reader actually is.
 */
function rebaseOrigins(root: ParentNode): void {
  for (const box of root.querySelectorAll<HTMLElement>('[data-site-origin]')) {
    const from = box.dataset.siteOrigin;
    if (!from || from === location.origin) continue;
    for (const field of box.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[readonly], textarea[readonly]')) {
      field.value = field.value.split(from).join(location.origin);
    }
  }
}

export function enhanceCopyButtons(root: ParentNode = document): void {
  rebaseOrigins(root);
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    const id = button.dataset.copy!;
    const status = button.dataset.copyStatus ? document.getElementById(button.dataset.copyStatus) : null;
    button.hidden = false;
    button.addEventListener('click', async () => {
      const text = fieldValue(id);
      if (text === undefined) return;
      const ok = await copyText(text, id);
      if (status) {
        status.textContent = ok ? `${button.dataset.copyLabel ?? 'Text'} copied.` : 'Copying failed: the text is selected, press Ctrl+C (⌘C) to copy it.';
        window.setTimeout(() => {
          if (status) status.textContent = '';
        }, 4000);
      }
    });
  }
  // Selecting a readonly field's whole value on focus makes manual copying easy.
  for (const field of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-select-on-focus]')) {
    field.addEventListener('focus', () => field.select());
  }
}

enhanceCopyButtons();
