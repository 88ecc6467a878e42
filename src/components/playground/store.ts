/**
 * The playground's one state module (framework-free): the world being edited, the editors' texts, the
 * per-editor errors, and the last good chain result. Components read it with `getState()` /
 * `subscribe()` and change it only through the actions below; they never run checks themselves.
 *
 * Flow: an edit stores the new text at once, then, in the microtask after it (no debounce: edits made in
 * the same task are applied together, see {@link DEBOUNCE_MS}), every edited editor is parsed; a valid text replaces its slice of the world, an invalid one records its error and leaves the
 * world (and so the result on screen) as it was. When the world changed, the engine runs on it with the
 * current clock; results of runs that were overtaken by a newer one are dropped.
 *
 * The clock is the real one unless a fixed simulated time is set ({@link PlaygroundStore.setClock}), e.g. by
 * a share link whose scenario has `now` ({@link PlaygroundStore.loadScenario}); reset goes back to the real
 * clock and the starting world.
 *
 * Time travel ({@link PlaygroundStore.setElapsed}, optional): the engine then runs on the world as it is
 * `elapsedSeconds` later (the engine's `advanceWorld`: kubelet refresh, app re-read, propagation delays,
 * key retirement), at the clock plus that many seconds. The editors keep showing the world at the start.
 */
import { defaultWorld } from '../../engine/defaults.ts';
import { advanceWorld } from '../../engine/time.ts';
import { applyPodYaml, applyServiceAccountYaml, podYaml, serviceAccountYaml } from '../../engine/manifests.ts';
import { parseWorld } from '../../engine/scenario.ts';
import type { ChainResult, World } from '../../engine/types.ts';
import { advancedYaml, applyAdvancedYaml, changedSections, PLAYGROUND_PAGE, type AdvancedPage, type AdvancedSection } from './advancedText.ts';
import { parseFederatedCredentials, type TextError } from './jsonText.ts';
import type { ProviderKit } from './providerKits.ts';
import type { switchWorld } from './providerSwitch.ts';

/** The default provider (providerKits.ts DEFAULT_PROVIDER; repeated so stores without providers import none of them). */
const DEFAULT_PROVIDER = 'aks-entra';

/**
 * What a store that can switch providers is given (the playground page: playgroundStore.ts): the loaded
 * kits (providerKits.ts `loadedKit`) and the switch rule (providerSwitch.ts). Stores without it (lessons,
 * challenges) simulate aks-entra only and carry none of that code.
 */
export interface ProviderHost {
  kit(id: string): ProviderKit | undefined;
  /** The switch rule; absent: the store cannot switch (a challenge stays on its own provider). */
  switchWorld?: typeof switchWorld;
}
import type { GithubWorld } from '../../engine/providers/github-entra/schema.ts';

/**
 * The code editors: federated credentials (JSON), ServiceAccount and Pod manifests (YAML), and the advanced
 * editor (YAML: cluster, identity, request, resource, role assignments and the rest; see advancedText.ts).
 */
export type EditorId = 'fic' | 'sa' | 'pod' | 'advanced' | 'workflow';
/** The token request form fields (kept as typed, so a half-typed number can be shown and corrected). */
export type SettingId = 'audience' | 'expirationSeconds' | 'issuedSecondsAgo';
/** Anything that can hold an error: an editor or a form field. */
export type InputId = EditorId | SettingId;

/** The inputs whose current text is not applied (an error is shown next to them), in `errors` order. */
export function invalidInputs(errors: PlaygroundState['errors']): InputId[] {
  return (Object.keys(errors) as InputId[]).filter((k) => errors[k]);
}

export interface PlaygroundState {
  /**
   * The provider being simulated (registry id, e.g. "github-entra"); "aks-entra" by default. Its kit must
   * be loaded (providerKits.ts `loadKit`) before the store switches to it.
   */
  provider: string;
  /**
   * The last switch's status message (what was kept, what was reset; plain text), until the next switch,
   * load or reset.
   */
  switchNote?: string | undefined;
  /** The last valid world: what the engine ran (or is about to run) on. */
  world: World;
  /** The editors' texts, as typed. */
  texts: Record<EditorId, string>;
  /** The token request form, as typed. */
  settings: Record<SettingId, string>;
  /** The current problem of each input that does not parse; absent when it is fine. */
  errors: Partial<Record<InputId, TextError>>;
  /** The last result the engine produced for a valid world; absent until the first run completes. */
  result?: ChainResult;
  /** Increments with every new result (components animate on change). */
  resultVersion: number;
  /** True while edits are waiting to be applied or the engine is running. */
  busy: boolean;
  /** Increments when the texts are replaced from outside the editors (reset, load): editors must reload them. */
  textsVersion: number;
  /**
   * The fixed simulated time the engine runs at, as an ISO 8601 date-time (e.g. `2026-01-15T10:00:00Z`);
   * absent: the real clock at each run.
   */
  fixedNow?: string | undefined;
  /** The scenario loaded last (from a share link), until reset; absent when none was loaded. */
  shared?: SharedScenarioInfo | undefined;
  /** Increments with every successful {@link PlaygroundStore.loadScenario}. */
  loadVersion: number;
  /**
   * Time travel: seconds after the start moment at which the engine runs (see
   * {@link PlaygroundStore.setElapsed}); absent or 0: no time travel.
   */
  elapsedSeconds?: number | undefined;
}

/** What the store remembers about a loaded scenario. */
export interface SharedScenarioInfo {
  /** The scenario's title, as given (plain text; render it as text, never as HTML). */
  title: string;
  /** The world as loaded (to tell whether it was edited since). */
  world: World;
  /** True when the loaded world differs from the default world in the advanced editor's part. */
  advancedChanged: boolean;
  /** The advanced editor's sections the loaded world changes (empty when `advancedChanged` is false). */
  advancedSections: AdvancedSection[];
}

/** How the store runs the engine; the real engine in the page, a fake in tests. */
export interface Engine {
  /** Runs provider `provider`'s chain (registry id; the page's engine passes it to runChain). */
  run(world: World, now: Date, provider: string): Promise<ChainResult>;
}

/**
 * Milliseconds between the last keystroke and applying the edit: 0, no debounce (issue 13: the verdict
 * follows each keystroke; the bench measures keydown → verdict raw). Edits are applied in a microtask, so
 * several made in one task (a paste that Monaco reports as two changes, say) cost one run.
 */
export const DEBOUNCE_MS = 0;

/**
 * Largest text an editor or form field applies: 256 KB (262,144 bytes of UTF-8). A longer text is kept as
 * typed but not parsed or run: its editor shows {@link tooLargeError} and the world and result stay those of
 * the last text that applied.
 *
 * Why 256 KB: a real configuration is tiny (Entra ID stores at most 20 federated credentials per identity,
 * about 5 KB as JSON; the manifests and the advanced editor are a few KB), so the limit is far above any
 * honest use. Above it, parsing and locating every write-time warning on each edit would hold the page's
 * main thread for seconds (a 1 MB paste of 5,200 credentials froze the tab).
 */
export const MAX_EDITOR_BYTES = 256 * 1024;

/** What each input holds, for messages. */
const EDITOR_NAMES: Record<InputId, string> = {
  fic: 'federated credentials',
  sa: 'ServiceAccount manifest',
  pod: 'Pod manifest',
  advanced: 'advanced settings',
  workflow: 'workflow job',
  audience: 'token audience',
  expirationSeconds: 'token expiration',
  issuedSecondsAgo: 'token issue time',
};

/** Size of `text` encoded as UTF-8, in bytes (counted without encoding it). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair: one code point outside the BMP
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** `bytes` in whole KB (1 KB = 1024 bytes), rounded up so a text over the limit never reads as equal to it. */
function formatKB(bytes: number): string {
  return `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB`;
}

/** The size of `text` in bytes when it is over {@link MAX_EDITOR_BYTES}; `undefined` when it fits. */
function oversize(text: string): number | undefined {
  if (text.length * 3 <= MAX_EDITOR_BYTES) return undefined; // at most 3 bytes per UTF-16 unit: fits
  const bytes = utf8Length(text);
  return bytes > MAX_EDITOR_BYTES ? bytes : undefined;
}

/** The error shown for a text of `bytes` bytes, over {@link MAX_EDITOR_BYTES}: says both sizes. */
export function tooLargeError(bytes: number): TextError {
  return {
    message: `Too large: this text is ${formatKB(bytes)}, and an editor takes at most ${formatKB(MAX_EDITOR_BYTES)}. Shorten it (or undo the paste) to apply it; until then the last text that applied stays in effect.`,
  };
}

/** Editor texts and form values that describe `world` (the advanced editor's comments fit `page`, see advancedText.ts). */
export function textsFor(world: World, page: AdvancedPage = PLAYGROUND_PAGE, kit?: ProviderKit): { texts: Record<EditorId, string>; settings: Record<SettingId, string> } {
  if (kit?.shape === 'github') {
    // A GitHub job has no ServiceAccount, Pod or token form: its workflow file shapes the token.
    const g = (world as unknown as { github: GithubWorld }).github;
    return {
      texts: { fic: JSON.stringify(world.identity.federatedCredentials, null, 2), sa: '', pod: '', advanced: '', workflow: kit.workflow!.render(g).trimEnd() },
      settings: { audience: '', expirationSeconds: '', issuedSecondsAgo: '' },
    };
  }
  return {
    texts: {
      fic: JSON.stringify(world.identity.federatedCredentials, null, 2),
      sa: serviceAccountYaml(world).trimEnd(),
      pod: podYaml(world).trimEnd(),
      advanced: advancedYaml(world, page).trimEnd(),
      workflow: '',
    },
    settings: {
      audience: world.token.audience,
      expirationSeconds: String(world.token.expirationSeconds),
      issuedSecondsAgo: String(world.token.issuedSecondsAgo),
    },
  };
}

/**
 * The default world as the editors show it: applying the generated manifests makes the pod's namespace and
 * ServiceAccount explicit, so what the Pod editor says is exactly what the engine uses.
 */
export function initialWorld(): World {
  return normalizeWorld(defaultWorld());
}

/**
 * `world` as the manifest editors show it: the ServiceAccount and Pod manifests generated from it and read
 * back, which makes the pod's namespace and ServiceAccount name explicit (the values the engine would
 * default them to). When a manifest cannot be read back (e.g. a name Kubernetes would refuse), that part
 * is left as it was. Returns a new world; `world` is not modified.
 */
export function normalizeWorld(world: World, kit?: Pick<ProviderKit, 'id' | 'shape' | 'schema'>): World {
  if (kit?.shape === 'github') return structuredClone(world);
  let out = structuredClone(world);
  const sa = applyServiceAccountYaml(out, serviceAccountYaml(out));
  if (sa.ok) out = sa.world;
  const pod = applyPodYaml(out, podYaml(out));
  if (pod.ok) out = pod.world;
  if (kit && kit.id !== DEFAULT_PROVIDER) {
    // The manifests are read back with the AKS rules; keep the round trip only when the provider's own
    // schema still accepts it (its pod may have fields the manifests do not carry).
    const r = kit.schema.safeParse(out);
    return r.success ? (r.data as World) : structuredClone(world);
  }
  return out;
}

/** Provider `kit`'s default world as the editors show it (see {@link normalizeWorld}). */
export function providerInitialWorld(kit: ProviderKit): World {
  return kit.id === DEFAULT_PROVIDER ? initialWorld() : normalizeWorld(kit.defaultWorld(), kit);
}

function advancedChanges(world: World, base: World = initialWorld()): { advancedChanged: boolean; advancedSections: AdvancedSection[] } {
  const advancedSections = changedSections(world, base);
  return { advancedChanged: advancedSections.length > 0, advancedSections };
}

const isDate = (text: string) => !Number.isNaN(new Date(text).getTime());

function parseSeconds(raw: string, label: string, min?: number): { ok: true; value: number } | { ok: false; error: TextError } {
  const t = raw.trim();
  if (!/^-?\d+$/.test(t)) return { ok: false, error: { message: `${label}: enter a whole number of seconds.` } };
  const value = Number(t);
  if (!Number.isSafeInteger(value)) return { ok: false, error: { message: `${label}: this number is too large.` } };
  if (min !== undefined && value < min) return { ok: false, error: { message: `${label}: must be at least ${min}.` } };
  return { ok: true, value };
}

/** Applies one input's text to `world`; returns the new world or the input's error. */
function applyInput(world: World, id: InputId, state: PlaygroundState, page: AdvancedPage, kit: ProviderKit | undefined): { ok: true; world: World } | { ok: false; error: TextError } {
  switch (id) {
    case 'workflow': {
      if (!kit?.workflow) return { ok: false, error: { message: 'This provider has no workflow job.' } };
      const g = (world as unknown as { github: GithubWorld }).github;
      const r = kit.workflow.parse(state.texts.workflow, g);
      if (!r.ok) {
        const i = r.issues[0]!;
        return { ok: false, error: { message: i.path ? `${i.path}: ${i.message}` : i.message, ...(i.line ? { line: i.line } : {}), ...(i.column ? { column: i.column } : {}) } };
      }
      const next = structuredClone(world) as unknown as { github: GithubWorld };
      next.github = r.github;
      return { ok: true, world: next as unknown as World };
    }
    case 'fic': {
      const r = parseFederatedCredentials(state.texts.fic);
      if (!r.ok) return r;
      const next = structuredClone(world);
      next.identity.federatedCredentials = r.value;
      return { ok: true, world: next };
    }
    case 'sa':
      return applyServiceAccountYaml(world, state.texts.sa);
    case 'pod':
      return applyPodYaml(world, state.texts.pod);
    case 'advanced':
      return applyAdvancedYaml(world, state.texts.advanced, page, kit && kit.id !== DEFAULT_PROVIDER ? kit.schema : undefined);
    case 'audience': {
      const next = structuredClone(world);
      next.token.audience = state.settings.audience;
      return { ok: true, world: next };
    }
    case 'expirationSeconds': {
      const r = parseSeconds(state.settings.expirationSeconds, 'Expiration', 1);
      if (!r.ok) return r;
      const next = structuredClone(world);
      next.token.expirationSeconds = r.value;
      return { ok: true, world: next };
    }
    case 'issuedSecondsAgo': {
      const r = parseSeconds(state.settings.issuedSecondsAgo, 'Issued ago');
      if (!r.ok) return r;
      const next = structuredClone(world);
      next.token.issuedSecondsAgo = r.value;
      return { ok: true, world: next };
    }
  }
}

export interface PlaygroundStore {
  getState(): PlaygroundState;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Runs the engine on the current world once (call when the page is ready). Idempotent. */
  start(): void;
  /**
   * Records an editor's new text and schedules applying it. A text over {@link MAX_EDITOR_BYTES} is recorded
   * but never applied: the editor's error says it is too large (with both sizes) until a text that fits.
   */
  setText(id: EditorId, text: string): void;
  /** Records a token request field's new value and schedules applying it (same size limit as `setText`). */
  setSetting(id: SettingId, value: string): void;
  /** Applies pending edits now (without waiting for the microtask) and returns when the engine has run. */
  flush(): Promise<void>;
  /**
   * Back to the starting world (default: the default world) and the real clock: texts, form and errors
   * reset, loaded scenario forgotten, engine re-run.
   */
  reset(): void;
  /**
   * Replaces the whole state with a complete world (e.g. a decoded share link's `world`): pending edits are
   * dropped, the texts regenerated (`textsVersion` bumps), errors cleared, and the engine re-run at
   * `now` (an ISO 8601 date-time; absent: the real clock). `world` is validated with the engine's world
   * schema first; when it or `now` is invalid, or an editor's text for it would be over
   * {@link MAX_EDITOR_BYTES}, nothing changes and `{ ok: false, error }` says why.
   */
  loadScenario(world: World, options: { title: string; now?: string | undefined; provider?: string | undefined }): { ok: true } | { ok: false; error: string };
  /**
   * Switches to the provider of `kit` (loaded with providerKits.ts `loadKit`): the world becomes the new
   * provider's, keeping the shared Entra side the user edited (providerSwitch.ts); texts regenerate,
   * errors clear, time travel goes back to 0, the engine re-runs. `switchNote` says what was kept and
   * reset. Nothing happens when it is already the provider.
   */
  switchProvider(kit: ProviderKit): void;
  /**
   * Sets the simulated clock: an ISO 8601 date-time freezes it, `undefined` goes back to the real clock.
   * Re-runs the engine when the clock changed. Throws a RangeError for a text that is not a date.
   */
  setClock(now: string | undefined): void;
  /**
   * Time travel: runs the engine on `advanceWorld(world, seconds).world` at the clock plus `seconds`
   * (whole seconds, ≥ 0; 0 turns time travel off). Re-runs when the value changed; reset and
   * loadScenario go back to 0. Throws a RangeError for a negative or non-finite value.
   */
  setElapsed(seconds: number): void;
}

/** Optional settings of {@link createPlaygroundStore}. */
export interface PlaygroundStoreOptions {
  /**
   * The world the store starts from and `reset()` returns to (a lesson's exercise starts from a broken
   * one). Default: {@link initialWorld}. Must be a valid world (see `parseWorld`).
   */
  initial?: () => World;
  /**
   * The page around the advanced editor (which other inputs it shows, the reset button's label), so that
   * the editor's comments and messages name only what is on the page. Default: the playground's.
   */
  advancedPage?: AdvancedPage;
  /** Providers other than aks-entra (see {@link ProviderHost}); absent: aks-entra only. */
  providers?: ProviderHost;
  /**
   * The provider the store starts with and `reset()` returns to, with `initial` as its world (a workshop
   * challenge on github-entra, say). Its kit must be loaded (providerKits.ts `loadKit`) and given by
   * `providers`. Default: aks-entra.
   */
  provider?: string;
}

/**
 * Creates a store. `engine` runs the chain; `clock` gives the simulated "now" (default: the real clock).
 * The page uses one store for its lifetime (see `playgroundStore.ts`).
 */
export function createPlaygroundStore(engine: Engine, clock: () => Date = () => new Date(), options: PlaygroundStoreOptions = {}): PlaygroundStore {
  const startWorld = options.initial ?? initialWorld;
  const page = options.advancedPage ?? PLAYGROUND_PAGE;
  const host = options.providers;
  const loadedKit = (id: string): ProviderKit | undefined => host?.kit(id);
  const startProvider = options.provider ?? DEFAULT_PROVIDER;
  if (startProvider !== DEFAULT_PROVIDER && !loadedKit(startProvider)) throw new Error(`The provider "${startProvider}" is not loaded.`);
  const world = startWorld();
  let state: PlaygroundState = {
    provider: startProvider,
    world,
    ...textsFor(world, page, loadedKit(startProvider)),
    errors: {},
    resultVersion: 0,
    busy: true,
    textsVersion: 0,
    loadVersion: 0,
  };
  const listeners = new Set<() => void>();
  const dirty = new Set<InputId>();
  /** True while a microtask that applies the pending edits is queued. */
  let scheduled = false;
  let runSeq = 0;
  let running = false;
  let started = false;
  let inFlight: Promise<void> = Promise.resolve();

  /** Validates a complete world with the schema of provider `id` (aks-entra: the engine's parseWorld). */
  function validate(w: unknown, id: string): ReturnType<typeof parseWorld> {
    if (id === DEFAULT_PROVIDER) return parseWorld(w);
    const kit = loadedKit(id);
    if (!kit) return { ok: false, issues: [{ path: 'provider', message: `the provider "${id}" is not loaded` }] };
    const r = kit.schema.safeParse(w);
    return r.success ? { ok: true, world: r.data as World } : { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  }

  function set(patch: Partial<PlaygroundState>) {
    state = { ...state, ...patch };
    for (const l of [...listeners]) l();
  }

  const isBusy = () => running || dirty.size > 0;

  function run(w: World): Promise<void> {
    const seq = ++runSeq;
    running = true;
    set({ busy: true });
    const base = state.fixedNow !== undefined ? new Date(state.fixedNow) : clock();
    const elapsed = state.elapsedSeconds ?? 0;
    const now = elapsed > 0 ? new Date(base.getTime() + elapsed * 1000) : base;
    const travel = elapsed > 0 && loadedKit(state.provider)?.shape !== 'github';
    const p = engine.run(travel ? advanceWorld(w, elapsed).world : w, now, state.provider).then(
      (result) => {
        if (seq !== runSeq) return; // overtaken by a newer run
        running = false;
        set({ result, resultVersion: state.resultVersion + 1, busy: isBusy() });
      },
      () => {
        if (seq !== runSeq) return;
        running = false;
        set({ busy: isBusy() });
      },
    );
    inFlight = p;
    return p;
  }

  function applyPending(): Promise<void> {
    if (!dirty.size) return inFlight;
    let w = state.world;
    const errors = { ...state.errors };
    const order: InputId[] = ['workflow', 'sa', 'pod', 'fic', 'advanced', 'audience', 'expirationSeconds', 'issuedSecondsAgo'];
    const kit = loadedKit(state.provider);
    for (const id of order) {
      if (!dirty.has(id)) continue;
      const r = applyInput(w, id, state, page, kit);
      if (r.ok) {
        w = r.world;
        delete errors[id];
      } else errors[id] = r.error;
    }
    dirty.clear();
    const changed = w !== state.world;
    if (changed) {
      const check = validate(w, state.provider);
      if (!check.ok) {
        // Should not happen: each editor validates its own slice. Keep the last good world.
        set({ errors: { ...errors, fic: errors.fic ?? { message: check.issues.map((i) => `${i.path}: ${i.message}`).join('\n') } }, busy: isBusy() });
        return inFlight;
      }
      set({ world: check.world, errors });
      return run(check.world);
    }
    set({ errors, busy: isBusy() });
    return inFlight;
  }

  /**
   * Keeps a text over {@link MAX_EDITOR_BYTES} as typed (`patch`) without parsing it: the input's error says
   * it is too large, and the world and result stay as they are. An earlier edit of the same input that was
   * still waiting is dropped (this text replaced it).
   */
  function refuse(id: InputId, bytes: number, patch: Partial<PlaygroundState>) {
    dirty.delete(id);
    set({ ...patch, errors: { ...state.errors, [id]: tooLargeError(bytes) }, busy: isBusy() });
  }

  function schedule(id: InputId) {
    dirty.add(id);
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      void applyPending();
    });
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      if (started) return;
      started = true;
      void run(state.world);
    },
    setText(id, text) {
      if (state.texts[id] === text) return;
      const bytes = oversize(text);
      if (bytes !== undefined) {
        refuse(id, bytes, { texts: { ...state.texts, [id]: text } });
        return;
      }
      set({ texts: { ...state.texts, [id]: text }, busy: true });
      schedule(id);
    },
    setSetting(id, value) {
      if (state.settings[id] === value) return;
      const bytes = oversize(value);
      if (bytes !== undefined) {
        refuse(id, bytes, { settings: { ...state.settings, [id]: value } });
        return;
      }
      set({ settings: { ...state.settings, [id]: value }, busy: true });
      schedule(id);
    },
    flush: () => applyPending(),
    reset() {
      dirty.clear();
      const kit = loadedKit(state.provider);
      // The starting provider goes back to the starting world; a provider switched to, to its default.
      const w = kit && kit.id !== startProvider ? providerInitialWorld(kit) : startWorld();
      set({ world: w, ...textsFor(w, page, kit), errors: {}, textsVersion: state.textsVersion + 1, fixedNow: undefined, shared: undefined, elapsedSeconds: 0, switchNote: undefined });
      void run(w);
    },
    switchProvider(kit) {
      if (kit.id === state.provider || !host?.switchWorld) return;
      const fromKit = loadedKit(state.provider) ?? loadedKit(DEFAULT_PROVIDER);
      if (!fromKit) return;
      const out = host.switchWorld({ kit: fromKit, world: state.world, defaults: providerInitialWorld(fromKit) }, kit);
      const w = normalizeWorld(out.world as unknown as World, kit);
      dirty.clear();
      set({
        provider: kit.id,
        world: w,
        ...textsFor(w, page, kit),
        errors: {},
        textsVersion: state.textsVersion + 1,
        shared: undefined,
        elapsedSeconds: 0,
        switchNote: out.message,
      });
      void run(w);
    },
    loadScenario(input, { title, now, provider = DEFAULT_PROVIDER }) {
      if (now !== undefined && !isDate(now)) return { ok: false, error: `The scenario's time "${now}" is not a date.` };
      const kit = loadedKit(provider);
      if (!kit && provider !== DEFAULT_PROVIDER) return { ok: false, error: `The playground cannot simulate the provider "${provider}".` };
      const check = validate(input, provider);
      if (!check.ok) {
        const shown = check.issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`);
        return { ok: false, error: `The scenario's world is not valid: ${shown.join('; ')}.` };
      }
      const w = normalizeWorld(check.world, kit);
      const texts = textsFor(w, page, kit);
      for (const [id, text] of [...Object.entries(texts.texts), ...Object.entries(texts.settings)]) {
        const bytes = oversize(text);
        if (bytes !== undefined) {
          return { ok: false, error: `The scenario is too large: as text, its ${EDITOR_NAMES[id as InputId]} would be ${formatKB(bytes)}, and an editor takes at most ${formatKB(MAX_EDITOR_BYTES)}.` };
        }
      }
      dirty.clear();
      set({
        provider,
        switchNote: undefined,
        world: w,
        ...texts,
        errors: {},
        textsVersion: state.textsVersion + 1,
        fixedNow: now,
        shared: { title, world: w, ...(kit?.shape === 'github' ? { advancedChanged: false, advancedSections: [] } : advancedChanges(w, kit ? providerInitialWorld(kit) : initialWorld())) },
        loadVersion: state.loadVersion + 1,
        elapsedSeconds: 0,
      });
      void run(w);
      return { ok: true };
    },
    setClock(now) {
      if (now !== undefined && !isDate(now)) throw new RangeError(`Not a date: ${now}`);
      if (now === state.fixedNow) return;
      set({ fixedNow: now });
      void run(state.world);
    },
    setElapsed(seconds) {
      if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`Not a time-travel offset: ${seconds}`);
      const s = Math.floor(seconds);
      if (s === (state.elapsedSeconds ?? 0)) return;
      set({ elapsedSeconds: s });
      void run(state.world);
    },
  };
}
