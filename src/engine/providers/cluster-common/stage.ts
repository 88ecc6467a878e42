/**
 * Stage-result builders for the non-AKS cluster providers: the shared ones of src/engine/stage.ts, under
 * the names these providers' stages use.
 */
export { passStage, failStage, failWithCode, quote, joinUncertain } from '../../stage.ts';
