"""Pure functions from a saved or fetched page to dataclasses: no engine, no database."""
