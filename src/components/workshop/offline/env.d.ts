/** Build-time flag set by the offline integration (integration.ts): true when /sw.js is generated. */
interface ImportMetaEnv {
  readonly WIL_OFFLINE?: boolean;
}
