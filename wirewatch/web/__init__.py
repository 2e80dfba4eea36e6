"""The read-only web view (`wirewatch serve`) and the Atom feed it shares with `wirewatch feed`."""
