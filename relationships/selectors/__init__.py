"""Reads of the relationship management plan, one module per area:

- `access`: one function per entity that fetches it by id for a user (404 outside scope)
- `stakeholders`: analyses, champion candidates, influence map, plans
- `engagement`: actions, interactions, objectives, the timeline, the portfolio lists
- `feedback`: partners' feedback, for our people and for the partner's portal users
- `scoring`: set-based reads for the scoring engine (a chunk of partners as of a date)
"""
