"""sanctions-monitor: watches news feeds and official sanctions lists for tracked entities."""

__version__ = "0.1.0"
