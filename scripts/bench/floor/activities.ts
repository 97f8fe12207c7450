/** The floor workflows' only activity: does nothing, so only Temporal's own cost remains. */
export function createFloorActivities() {
  return {
    async noop(): Promise<void> {
      // nothing: the floor measures the orchestration, not the work
    },
  };
}
export type FloorActivities = ReturnType<typeof createFloorActivities>;
