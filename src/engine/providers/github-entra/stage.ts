/**
 * Stage-result builders for the github-entra stages: the shared ones of src/engine/stage.ts, under the
 * names these stages use.
 */
export type { Stage } from '../../stage.ts';
export { passStage, failStage, failWithCode, quote, joinUncertain } from '../../stage.ts';
