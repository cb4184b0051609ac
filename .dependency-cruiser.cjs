/**
 * The layers of ARCHITECTURE.md, enforced by dependency-cruiser in `npm test`
 * (`npm run depcruise`): a rule broken is a failing test, not a review comment.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-has-no-io',
      comment: 'server/src/core is pure: no Node built-ins (no I/O), no vscode, no LSP libraries, no node/ or protocol/ code.',
      severity: 'error',
      from: { path: '^server/src/core/' },
      to: {
        pathNot: '^server/src/core/',
        path: ['^server/src/node/', '^server/src/protocol/', '^server/src/cli/', '^server/src/server', '^client/', 'node_modules/vscode', 'node_modules/vscode-languageserver', 'node_modules/vscode-jsonrpc'],
      },
    },
    {
      name: 'core-no-node-builtins',
      comment: 'server/src/core runs in a browser build too: no Node built-in modules.',
      severity: 'error',
      from: { path: '^server/src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'features-not-into-rule-modules',
      comment: "Features read what rules decide through core/semantics and rules/index.ts, not a rule module's internals.",
      severity: 'error',
      from: { path: '^server/src/core/features/' },
      to: { path: '^server/src/core/rules/', pathNot: ['^server/src/core/rules/(index|types|docsUrl)\\.ts$', '^server/src/core/rules/possibleUnsourcedAssertion\\.ts$'] },
    },
    {
      name: 'protocol-only-from-the-edges',
      comment: 'The conversion to LSP (server/src/protocol) is used by the server and the CLI, never by the core or node/.',
      severity: 'error',
      from: { path: ['^server/src/core/', '^server/src/node/'] },
      to: { path: '^server/src/protocol/' },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycles anywhere in the sources.',
      severity: 'error',
      from: { path: '^(server|client)/src/' },
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves.',
      severity: 'error',
      from: { path: '^(server|client)/src/' },
      // `vscode` is the extension host's, with types only (@types/vscode).
      to: { couldNotResolve: true, pathNot: '^vscode$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], extensions: ['.ts', '.js', '.json', '.mjs', '.cjs', '.d.ts'], conditionNames: ['types', 'import', 'require', 'node', 'default'], mainFields: ['module', 'main', 'types'] },
    exclude: { path: '(^|/)(dist|out|node_modules)/' },
  },
};
