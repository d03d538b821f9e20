#!/usr/bin/env node
// Entry point: hands argv to the compiled CLI and sets the exit code. Every error is handled
// inside run(); this file only guards against a missing build.
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  const notBuilt = error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist');
  process.stderr.write(
    notBuilt
      ? 'mtfs: error: the CLI is not built\n  = hint: run `npm install` (or `npm run build`) in the mtfs folder\n'
      : `mtfs: error[internal]: the CLI failed to start: ${error && error.message ? error.message : String(error)}\n  = hint: this is a bug in mtfs: please report it\n`,
  );
  process.exit(2);
}
process.exitCode = await cli.run(process.argv.slice(2));
