// citeproc-js ships no types; the engine module declares what it uses (engine.ts `Engine`).
declare module 'citeproc' {
  const CSL: { Engine: new (sys: unknown, style: string, lang?: string, forceLang?: boolean) => unknown };
  export default CSL;
}

