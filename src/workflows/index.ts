/** Workflow bundle entry: every workflow type the case worker runs. */
export { afterSalesCase } from './case/workflow';
