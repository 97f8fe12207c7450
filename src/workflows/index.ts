/** Workflow bundle entry: every workflow type the case worker runs. */
export { afterSalesCase } from './case/workflow';
export { platformClockPauses } from './pauses/registry';
