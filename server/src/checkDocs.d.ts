/** Built by esbuild.mjs from docs/checks/*.md: check ID → its "Allowed values" section (markdown). */
declare module 'podsec:check-docs' {
  const allowed: Readonly<Record<string, string>>;
  export default allowed;
}
