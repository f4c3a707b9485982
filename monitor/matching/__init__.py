"""Matching: item → mention. Find watchlist entities in text, in any script, inflected or
transliterated. Pure: no database, no network; seed files are read once when a matcher is built.

May import: `monitor.seedfiles`, `monitor.errors`, `monitor.vocabulary`. Nothing else of `monitor`.
"""
