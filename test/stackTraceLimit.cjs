// Mocha sets Error.stackTraceLimit to Infinity: every error then records its whole stack,
// which made the unit tests about a sixth slower (the YAML parser alone makes an error per
// broken line, ten times dearer than in the server). Node's default, as the server runs.
Error.stackTraceLimit = 10;
