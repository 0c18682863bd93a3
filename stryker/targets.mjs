// The invariant code under mutation testing, by feature: the files Stryker mutates and the integration suites that
// cover them. Keep this list in step with the invariants' owner files (docs/QUALITY.md says which is which); a
// file that does not exist (renamed mid-change) is skipped with a warning rather than failing the run.
export const targets = {
  events: {
    mutate: [
      'functions/events/seatSteps.ts',
      'functions/events/promotionService.ts',
      'functions/events/reconcileService.ts',
    ],
    tests: ['events*.test.ts'],
  },
  spaces: {
    mutate: ['functions/spaces/occupancySteps.ts', 'functions/spaces/reconcileService.ts'],
    tests: ['spaces*.test.ts'],
  },
  alliance: {
    // The claim steps and their repair live in claimSteps.ts (they were in claimService.ts).
    mutate: ['functions/alliance/claimSteps.ts', 'functions/alliance/reconcileService.ts'],
    tests: ['alliance*.test.ts'],
  },
  wall: {
    mutate: ['functions/wall/likeService.ts', 'functions/wall/reconcileService.ts'],
    tests: ['wall*.test.ts'],
  },
};
