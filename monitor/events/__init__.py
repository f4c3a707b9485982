"""Events: event → status change → outbox. Record each event with its evidence, keep every
entity's status per jurisdiction, and queue what changed for delivery in the same transaction.
`status` and `changes` are pure.

May import: `monitor.classification`, `monitor.matching`, `monitor.storage`, `monitor.config`,
`monitor.errors`, `monitor.vocabulary`. Not delivery, polling or lists.
"""
