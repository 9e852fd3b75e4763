// pdf-lib's one-file ES build (src/pdf/embedded-scan.ts): the same API as the package's main entry
declare module 'pdf-lib/dist/pdf-lib.esm.min.js' {
  export * from 'pdf-lib'
}
