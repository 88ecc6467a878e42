/**
 * Course progress, saved in this browser only (localStorage; nothing is sent anywhere). Framework-free:
 * the exercise islands write it, the sidebar and the course overview read it (small inline scripts in
 * starlight/Sidebar.astro and LessonList.astro read the same key; keep the format in step with them).
 *
 * Format (version 1), under {@link PROGRESS_KEY}:
 * `{"v":1,"done":{"<exercise id>":"<ISO 8601 time it was first solved>"}}`.
 * Unknown or corrupt data reads as "nothing done"; storage that throws (private mode, disabled
 * cookies) makes progress a no-op instead of breaking the lesson.
 */

/** The localStorage key. */
export const PROGRESS_KEY = 'wil-learn-progress-v1';
/** Event fired on `window` after this page changed the progress (other tabs get `storage`). */
export const PROGRESS_EVENT = 'wil-progress-change';

/** Minimal Storage interface (so tests can pass a fake). */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function defaultStorage(): ProgressStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** Exercise id → ISO time it was solved. */
export function readProgress(storage: ProgressStorage | undefined = defaultStorage()): Record<string, string> {
  if (!storage) return {};
  try {
    const raw = storage.getItem(PROGRESS_KEY);
    if (!raw) return {};
    const data = JSON.parse(raw) as unknown;
    if (!data || typeof data !== 'object' || (data as { v?: unknown }).v !== 1) return {};
    const done = (data as { done?: unknown }).done;
    if (!done || typeof done !== 'object' || Array.isArray(done)) return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(done)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return {};
  }
}

function write(storage: ProgressStorage, done: Record<string, string>): void {
  storage.setItem(PROGRESS_KEY, JSON.stringify({ v: 1, done }));
}

function notify(): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(PROGRESS_EVENT));
}

/** Whether exercise `id` was solved in this browser. */
export function isComplete(id: string, storage: ProgressStorage | undefined = defaultStorage()): boolean {
  return id in readProgress(storage);
}

/** Records exercise `id` as solved at `when` (first time only). Returns false when storage failed. */
export function markComplete(id: string, when: Date = new Date(), storage: ProgressStorage | undefined = defaultStorage()): boolean {
  if (!storage) return false;
  try {
    const done = readProgress(storage);
    if (!(id in done)) {
      done[id] = when.toISOString();
      write(storage, done);
    }
    notify();
    return true;
  } catch {
    return false;
  }
}

/** Forgets all progress. Returns false when storage failed. */
export function resetProgress(storage: ProgressStorage | undefined = defaultStorage()): boolean {
  if (!storage) return false;
  try {
    storage.removeItem(PROGRESS_KEY);
    notify();
    return true;
  } catch {
    return false;
  }
}
