#!/usr/bin/env node
// Entry point: hands argv to the compiled CLI and sets the exit code. Every error is handled
// inside run(); this file only guards against a missing build.
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  process.stderr.write(
    `mtfs: error: the CLI is not built (${error && error.code ? error.code : 'import failed'})\n` +
      '  = hint: run `npm install` (or `npm run build`) in the mtfs folder\n',
  );
  process.exit(2);
}
process.exitCode = await cli.run(process.argv.slice(2));
