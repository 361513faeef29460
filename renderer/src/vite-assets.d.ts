/** Vite's `?url` imports: the asset's URL inside the app's own origin. */
declare module '*?url' {
  const url: string;
  export default url;
}
