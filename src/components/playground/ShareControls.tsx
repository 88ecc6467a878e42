/**
 * "Copy link": puts the playground link of the current state (src/lib/share.ts format, built by
 * `playgroundShareUrl`) on the clipboard and announces "Link copied" in a polite live region. When the
 * clipboard is not available (permission refused, insecure context), a read-only field shows the link,
 * selected, so it can be copied by hand. A link holds the state that last applied: when an editor holds
 * invalid text, the message says that text is not in the link.
 */
import { useEffect, useRef, useState } from 'react';
import { playgroundShareUrl } from './shareLink.ts';
import { invalidInputs, type InputId, type PlaygroundStore } from './store.ts';
import { INPUT_LABELS } from './Verdict.tsx';

type CopyState = { status: 'idle' } | { status: 'copied'; url: string; travelled: boolean; unapplied: InputId[] } | { status: 'fallback'; url: string } | { status: 'failed'; message: string };

export function CopyLinkButton({ store }: { store: PlaygroundStore }) {
  const [copy, setCopy] = useState<CopyState>({ status: 'idle' });
  const fieldRef = useRef<HTMLInputElement>(null);

  const onCopy = async () => {
    setCopy({ status: 'idle' });
    let url: string;
    try {
      await store.flush(); // the link includes what was typed last
      url = await playgroundShareUrl(window.location.origin, store.getState());
    } catch {
      setCopy({ status: 'failed', message: 'The link could not be made in this browser.' });
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
      const s = store.getState();
      setCopy({ status: 'copied', url, travelled: (s.elapsedSeconds ?? 0) > 0, unapplied: invalidInputs(s.errors) });
    } catch {
      setCopy({ status: 'fallback', url });
    }
  };

  // Select the fallback field when it appears, so Ctrl+C copies it.
  useEffect(() => {
    if (copy.status !== 'fallback') return;
    fieldRef.current?.focus();
    fieldRef.current?.select();
  }, [copy]);

  const message =
    copy.status === 'copied'
      ? `${copy.travelled ? 'Link copied: it opens at the moment you travelled to, with that clock' : 'Link copied'}${
          copy.unapplied.length
            ? `. It holds the last configuration that applied: the invalid text in ${copy.unapplied.map((i) => INPUT_LABELS[i]).join(', ')} is not in it.`
            : ''
        }`
      : copy.status === 'fallback'
        ? 'Copy the selected link below (Ctrl+C or ⌘C)'
        : copy.status === 'failed'
          ? copy.message
          : '';

  return (
    <>
      <button type="button" className="button button--small" onClick={() => void onCopy()} data-testid="copy-link" data-copied-url={copy.status === 'copied' ? copy.url : undefined}>
        Copy link
      </button>
      <span className="share-status" role="status" aria-live="polite" data-testid="copy-link-status">
        {message}
      </span>
      {copy.status === 'fallback' && (
        <div className="share-fallback">
          <label htmlFor="share-url">Link to this configuration</label>
          <input
            ref={fieldRef}
            id="share-url"
            type="text"
            readOnly
            value={copy.url}
            spellCheck={false}
            data-testid="share-url"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
    </>
  );
}
