// Inline scripts imported through remix.config.ts's minifiedScripts plugin.
declare module "*?minified-script" {
  const text: string;
  export default text;
}
