/**
 * Node's flags for the language server's process, given by the VS Code client when it
 * starts the server (and by the benchmarks, which measure the server as the editor runs it).
 *
 * A larger young generation: an edit allocates a few megabytes of short-lived objects
 * (micromark's events, the block's tree, its findings), and with Node's default semi-space
 * of 16 MB a scavenge fell inside about one edit in two — some 15–20% of an edit's time on
 * a dense 100 KB brief. With 32 MB, half as many scavenges and about 5–9% of it
 * (docs/performance.md, "A larger young generation"). Other editors start the server with
 * `briefmark-language-server --stdio`, where Node takes the flag from
 * `NODE_OPTIONS=--max-semi-space-size=32` (README, "Other editors").
 */
export const SERVER_NODE_ARGS: readonly string[] = ['--max-semi-space-size=32'];
