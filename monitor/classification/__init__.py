"""Classification: mention → event. Decide, sentence by sentence, whether an item reports a
sanctions lift or imposition on each mentioned entity, who acts, and whether it happened.
Pure: no database, no network; cue books are read once when an analyzer is built.

May import: `monitor.matching`, `monitor.seedfiles`, `monitor.errors`, `monitor.vocabulary`.
"""
