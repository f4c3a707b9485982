"""Shared test helpers: real loopback servers, a throwaway PostgreSQL, fixtures."""
