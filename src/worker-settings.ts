/** Case worker settings that the configuration and the worker share (no SDK import: the API loads it too). */

/**
 * How long (seconds) a workflow task may wait on a case worker's sticky queue before the server
 * times it out and hands it to the shared queue, where it is replayed from its whole history (the
 * SDK's default is 10 s). When many cases need the worker at once (a deadline shared by a batch, clocks resumed
 * after an ops pause), a busy but healthy worker takes longer than 10 s to reach its last cases:
 * at 1,000 due together on 2 cores, 164 tasks timed out, each then waited behind the shared queue
 * and was replayed, and the last cases acted a minute late (docs/performance.md). The cost: when a
 * worker dies, tasks already on its sticky queue wait up to this long before another worker takes
 * them (new tasks go to the shared queue once the server has seen no poll on it for 10 s).
 * Operators choose with AFTERCASE_STICKY_TIMEOUT_S (src/config.ts).
 */
export const STICKY_TIMEOUT_SECONDS = 30;
