/** `import.meta.env` as electron-vite fills it in the main bundle (DEV is true only in `electron-vite dev`). */
interface ImportMeta {
  readonly env: { readonly DEV: boolean; readonly [key: string]: unknown };
}
