"""SQL storage: SQLAlchemy 2 models, engine set-up, one module of functions per table.

Every function takes the session first and never commits: the caller owns the transaction.
"""
