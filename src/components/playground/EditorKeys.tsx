/**
 * The keyboard hint under a group of code editors, referenced by each editor's aria-describedby.
 *
 * It describes the editor the device actually gets (CodeEditor.tsx): Monaco where there is a fine
 * pointer (Tab indents; Esc then Tab leaves; in the playground also Ctrl+M), a plain text field on
 * touch-only devices, where Tab simply moves to the next field and Monaco's keys do not exist.
 * Rendered on the server as the Monaco hint; switches after hydration on a touch-only device.
 */
import { useMediaQuery } from './useStore.ts';

/**
 * The media queries that make a device "touch only" (a coarse primary pointer and no fine pointer at
 * all): such a device gets a plain text field instead of Monaco. Shared by CodeEditor and the hint.
 */
export const TOUCH_POINTER_QUERY = '(pointer: coarse)';
export const FINE_POINTER_QUERY = '(any-pointer: fine)';

/** True (live) on a touch-only device, where code editors are plain text fields; false on the server. */
export function useTouchOnly(): boolean {
  const coarse = useMediaQuery(TOUCH_POINTER_QUERY);
  const fine = useMediaQuery(FINE_POINTER_QUERY);
  return coarse && !fine;
}

export interface EditorKeysProps {
  /** Id of the paragraph (what the editors' aria-describedby names). */
  id: string;
  /** Also mention Ctrl+M (Monaco's "Tab moves focus" toggle), as the playground does. */
  ctrlM?: boolean;
}

export function EditorKeys({ id, ctrlM = false }: EditorKeysProps) {
  const touchOnly = useTouchOnly();
  if (touchOnly) {
    return (
      <p className="editor-keys" id={id} data-editor="text">
        The editors are plain text fields on this device: type or paste as in any text box.
      </p>
    );
  }
  return (
    <p className="editor-keys" id={id} data-editor="monaco">
      In an editor, <kbd>Tab</kbd> indents. Press <kbd>Esc</kbd> then <kbd>Tab</kbd> to leave {ctrlM ? 'the editor' : 'it'}
      {ctrlM ? (
        <>
          {' '}
          (or <kbd>Ctrl</kbd>+<kbd>M</kbd> to make <kbd>Tab</kbd> move focus).
        </>
      ) : (
        '.'
      )}
    </p>
  );
}
