"""`make stress`: N writers of one owner against a running API, then the invariants it can show.

client.py: HTTP, sign-in, status counts; pool.py: the ids the writers share and the starting ledger;
writers.py: the random operations and the threads; checks.py: reading back and judging.
"""
