/**
 * "Copy link" and "Copy embed code": put the playground link of the current state, or the `<iframe>`
 * snippet that shows it at /embed/#s=… (src/lib/share.ts format, built by `playgroundShareUrl` /
 * `playgroundEmbedSnippet`), on the clipboard and announce it in a polite live region. When the clipboard
 * is not available (permission refused, insecure context), a read-only field shows the text, selected, so
 * it can be copied by hand. Both hold the state that last applied: when an editor holds invalid text, the
 * message says that text is not in them.
 */
import { useEffect, useRef, useState } from 'react';
import { playgroundEmbedSnippet, playgroundShareUrl, type LinkState } from './shareLink.ts';
import { invalidInputs, type InputId, type PlaygroundStore } from './store.ts';
import { INPUT_LABELS } from './Verdict.tsx';

type CopyState = { status: 'idle' } | { status: 'copied'; text: string; travelled: boolean; unapplied: InputId[] } | { status: 'fallback'; text: string } | { status: 'failed'; message: string };

/** What one copy button copies, and how it talks about it. */
interface CopyKind {
  button: string;
  /** data-testid prefix: `<id>`, `<id>-status`, and the fallback field's `fallbackTestId`. */
  id: string;
  fallbackTestId: string;
  fallbackLabel: string;
  /** The noun in "… copied" and in "Copy the selected … below". */
  noun: string;
  travelled: string;
  make: (origin: string, state: LinkState) => Promise<string>;
}

const LINK: CopyKind = {
  button: 'Copy link',
  id: 'copy-link',
  fallbackTestId: 'share-url',
  fallbackLabel: 'Link to this configuration',
  noun: 'link',
  travelled: 'Link copied: it opens at the moment you travelled to, with that clock',
  make: playgroundShareUrl,
};

const EMBED: CopyKind = {
  button: 'Copy embed code',
  id: 'copy-embed',
  fallbackTestId: 'share-embed-code',
  fallbackLabel: 'Embed code for this configuration',
  noun: 'embed code',
  travelled: 'Embed code copied: it shows the moment you travelled to, with that clock',
  make: playgroundEmbedSnippet,
};

function CopyButton({ store, kind }: { store: PlaygroundStore; kind: CopyKind }) {
  const [copy, setCopy] = useState<CopyState>({ status: 'idle' });
  const fieldRef = useRef<HTMLInputElement>(null);

  const onCopy = async () => {
    setCopy({ status: 'idle' });
    let text: string;
    try {
      await store.flush(); // the link includes what was typed last
      text = await kind.make(window.location.origin, store.getState());
    } catch {
      setCopy({ status: 'failed', message: `The ${kind.noun} could not be made in this browser.` });
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
      const s = store.getState();
      setCopy({ status: 'copied', text, travelled: (s.elapsedSeconds ?? 0) > 0, unapplied: invalidInputs(s.errors) });
    } catch {
      setCopy({ status: 'fallback', text });
    }
  };

  // Select the fallback field when it appears, so Ctrl+C copies it.
  useEffect(() => {
    if (copy.status !== 'fallback') return;
    fieldRef.current?.focus();
    fieldRef.current?.select();
  }, [copy]);

  const capital = kind.noun[0]!.toUpperCase() + kind.noun.slice(1);
  const message =
    copy.status === 'copied'
      ? `${copy.travelled ? kind.travelled : `${capital} copied`}${
          copy.unapplied.length
            ? `. It holds the last configuration that applied: the invalid text in ${copy.unapplied.map((i) => INPUT_LABELS[i]).join(', ')} is not in it.`
            : ''
        }`
      : copy.status === 'fallback'
        ? `Copy the selected ${kind.noun} below (Ctrl+C or ⌘C)`
        : copy.status === 'failed'
          ? copy.message
          : '';
  const fieldId = `${kind.id}-field`;

  return (
    <>
      <button type="button" className="button button--small" onClick={() => void onCopy()} data-testid={kind.id} data-copied-url={copy.status === 'copied' ? copy.text : undefined}>
        {kind.button}
      </button>
      <span className="share-status" role="status" aria-live="polite" data-testid={`${kind.id}-status`}>
        {message}
      </span>
      {copy.status === 'fallback' && (
        <div className="share-fallback">
          <label htmlFor={fieldId}>{kind.fallbackLabel}</label>
          <input
            ref={fieldRef}
            id={fieldId}
            type="text"
            readOnly
            value={copy.text}
            spellCheck={false}
            data-testid={kind.fallbackTestId}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
    </>
  );
}

/** "Copy link": the playground link of the current state (`/playground/#s=…`). */
export function CopyLinkButton({ store }: { store: PlaygroundStore }) {
  return <CopyButton store={store} kind={LINK} />;
}

/** "Copy embed code": the `<iframe>` snippet of `/embed/#s=…` for the current state, as on scenario pages. */
export function CopyEmbedButton({ store }: { store: PlaygroundStore }) {
  return <CopyButton store={store} kind={EMBED} />;
}
