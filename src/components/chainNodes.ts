/**
 * The six boxes of the chain diagram and which engine stages check each one: the single source for the
 * playground's animated Mermaid diagram (playground/diagram.ts), the presenter view and the static views
 * (static/model.ts: scenario pages, embeds, link-preview images). Data only; no DOM.
 */
import type { StageId } from '../engine/schema.ts';

/** The six boxes of the chain, left to right. */
export type NodeId = 'pod' | 'sa' | 'issuer' | 'entra' | 'mi' | 'resource';

/** A box of the chain and the stages (in the engine's order) that check it. */
export interface NodeDef {
  id: NodeId;
  name: string;
  /** Second line under the name, e.g. "federated credential". */
  role?: string;
  /** Short form of the role for compact views, e.g. "FIC". */
  shortRole?: string;
  stages: StageId[];
}

/** Boxes in chain order, each with the stages that check it. */
export const CHAIN_NODES: readonly NodeDef[] = [
  { id: 'pod', name: 'Pod', stages: ['admission'] },
  { id: 'sa', name: 'ServiceAccount', stages: ['projected-token'] },
  { id: 'issuer', name: 'OIDC issuer', stages: ['issuer-discovery', 'signature'] },
  { id: 'entra', name: 'Entra ID', role: 'federated credential', shortRole: 'FIC', stages: ['client-lookup', 'federation-match', 'lifetime'] },
  { id: 'mi', name: 'Managed identity', stages: ['access-token'] },
  { id: 'resource', name: 'Azure resource', stages: ['authorization'] },
];

/** Short stage names for the per-stage line of a box that has several stages. */
export const SHORT_STAGE_NAMES: Record<StageId, string> = {
  admission: 'admission',
  'projected-token': 'token',
  'client-lookup': 'client',
  'federation-match': 'match',
  'issuer-discovery': 'discovery',
  signature: 'signature',
  lifetime: 'lifetime',
  'access-token': 'access token',
  authorization: 'authorization',
};
