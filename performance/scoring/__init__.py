"""The scoring engine: every partner's relationship, performance, engagement and health scores
as of a date, each with the components that explain it.

- `relationship`, `performance`, `engagement`: one module per score family; each has `gather`
  (the chunk's inputs, a fixed number of set-based queries) and `components` (pure: one
  partner's components from those inputs). Their docstrings give the weights and why.
- `health`: the three weighed by the run's ScoringWeights.
- `run`: one chunk of partners → unsaved PartnerScore rows, with a statement counter.

Runs are started, chunked, finished and failed by performance.services.scoring; Celery tasks
and the `score_partners` command call those services.
"""
