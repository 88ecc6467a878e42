/**
 * Write-time checks, by their old import path: the federated credential rules live in
 * entra/credentialWrites.ts and the cluster composition in kubernetes/configErrors.ts.
 */
export { configErrors } from './kubernetes/configErrors.ts';
export { credentialWrites, credentialWriteErrors, storedCredentials, MAX_FICS_PER_IDENTITY, type CredentialWrite } from './entra/credentialWrites.ts';
