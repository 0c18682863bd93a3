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
    // dashboard-held: the "events held" figure the events reconciler settles (reconcileService.settleHeldFigure).
    tests: ['events*.test.ts', 'dashboard-held.test.ts'],
  },
  spaces: {
    // A visit's figures from the table's stream (once per visit under redelivery) and the day's marks and sealing.
    mutate: [
      'functions/spaces/occupancySteps.ts',
      'functions/spaces/reconcileService.ts',
      'functions/spaces/visitFigures.ts',
      'functions/spaces/statsStore.ts',
    ],
    tests: ['spaces*.test.ts'],
  },
  alliance: {
    // The claim steps and their repair live in claimSteps.ts (they were in claimService.ts).
    // claimService.ts decides a keyed retry's new attempt after its voided one is undone (and redeems at the till).
    mutate: [
      'functions/alliance/claimSteps.ts',
      'functions/alliance/claimService.ts',
      'functions/alliance/reconcileService.ts',
    ],
    // account-closing: a closed account's merchant role is never granted back by the reconciler.
    tests: ['alliance*.test.ts', 'account-closing.test.ts'],
  },
  dashboard: {
    // Exact distinct people (gap buckets), exact counters and the median's histogram, and the range sums;
    // dashboard-cost is too slow for mutation runs.
    // The sign-up figures from the table's stream (once per sign-up under redelivery) and the sealing of past days.
    mutate: [
      'functions/lib/distinctMetrics.ts',
      'functions/lib/exactCounters.ts',
      'functions/admin/rangeAggregates.ts',
      'functions/events/signupFigures.ts',
      'functions/lib/sealedDays.ts',
    ],
    tests: [
      'dashboard.test.ts',
      'dashboard-services.test.ts',
      'dashboard-held.test.ts',
      'dashboard-sealed.test.ts',
      'events-figures-stream.test.ts',
    ],
  },
  venues: {
    mutate: [
      'functions/venues/slotSteps.ts',
      'functions/venues/reconcileService.ts',
      // The reminder the day before: queued once, never for a booking no longer approved.
      'functions/venues/reminderService.ts',
    ],
    tests: ['venues*.test.ts'],
  },
  wall: {
    mutate: ['functions/wall/likeService.ts', 'functions/wall/reconcileService.ts'],
    tests: ['wall*.test.ts'],
  },
  account: {
    // Closing an account (steps, each feature's eraser) and the children's-data retention job.
    mutate: [
      'functions/users/accountSteps.ts',
      'functions/events/accountDataService.ts',
      'functions/events/retentionService.ts',
      'functions/venues/accountDataService.ts',
      'functions/services/accountDataService.ts',
      'functions/services/duty/accountDataService.ts',
      'functions/users/closingRetry.ts',
      // The profile picture: the later stamp wins on both items; nothing left after closing.
      'functions/users/avatarSteps.ts',
    ],
    tests: ['account*.test.ts', 'retention*.test.ts'],
  },
  services: {
    mutate: [
      'functions/services/requestFlow.ts',
      'functions/services/duty/appointmentSteps.ts',
      'functions/services/duty/reconcileService.ts',
      // One message per transition, also when it is retried.
      'functions/services/statusMessageService.ts',
    ],
    tests: ['services*.test.ts', 'duty*.test.ts'],
  },
  notify: {
    // The shared outbox: queued once per id, sent once under overlapping senders (a conditional lease).
    mutate: ['functions/lib/notify/outbox.ts', 'functions/lib/notify/sender.ts'],
    tests: ['events-reminders.test.ts', 'venues-reminders.test.ts', 'services-messages.test.ts'],
  },
  inbox: {
    // 消息: one notice per id (claim, then notice), the exact unread count and the read marker (forward only).
    mutate: ['functions/lib/inbox.ts', 'functions/inbox/inboxStore.ts', 'functions/inbox/inboxService.ts'],
    tests: ['inbox*.test.ts'],
  },
};
