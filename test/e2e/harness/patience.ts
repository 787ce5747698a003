/**
 * How long a test waits for something n8n or the emulator does asynchronously before it gives up.
 * Only a bound for failures, never an assertion: a loaded 2-core machine (other n8n instances, a
 * CPU hog in `npm run test:e2e:soak`) can slow an n8n boot or an execution tenfold, and a wait
 * ends as soon as its condition holds, so a generous bound costs nothing on a passing run.
 */
export const WAIT_MS = 120_000;

/** For whole-workflow outcomes that span several executions or an n8n restart. */
export const LONG_WAIT_MS = 300_000;
