/**
 * Kubernetes manifests ⇄ world, by their old import path (kubernetes/manifests.ts, kubernetes/manifestReader.ts).
 */
export { serviceAccountYaml, applyServiceAccountYaml, podYaml, applyPodYaml } from './kubernetes/manifests.ts';
export { PLACEHOLDER_IMAGE, type ApplyResult, type ManifestError } from './kubernetes/manifestReader.ts';
