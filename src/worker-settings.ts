/** Case worker settings that the configuration and the worker share (no SDK import: the API loads it too). */

/**
 * How long (seconds) a workflow task may wait on a case worker's sticky queue before the server
 * times it out and hands it to the shared queue, where it is replayed from its whole history.
 * Default: the SDK's 10 s. Operators choose with AFTERCASE_STICKY_TIMEOUT_S (src/config.ts).
 *
 * Longer helps storms: when many cases need one worker at once (a deadline shared by a batch,
 * clocks resumed after an ops pause), a busy but healthy worker that takes longer than this to reach
 * its last tasks has them timed out and replayed elsewhere (1,000 timers due together on 2 cores:
 * 164 timed out, the last cases acted a minute late; with 30 s none did, p99 13 s).
 * Shorter helps crashes: tasks already on a dead worker's sticky queue wait this long for another
 * worker, and an action on such a case outlasts the API's 20 s update deadline (a 503) once this
 * is above about 15 s. docs/production.md has the figures of both sides.
 */
export const STICKY_TIMEOUT_SECONDS = 10;
