/**
 * Must be imported before Prism's core (highlight.ts does): tells Prism not to highlight the page on its
 * own (`manual`) and not to listen for worker messages. Prism reads both from a global `Prism` object that
 * exists before it loads (prismjs/components/prism-core.js, "manual" and "disableWorkerMessageHandler").
 */
const g = globalThis as { Prism?: { manual?: boolean; disableWorkerMessageHandler?: boolean } };
g.Prism ??= {};
g.Prism.manual = true;
g.Prism.disableWorkerMessageHandler = true;

export {};
