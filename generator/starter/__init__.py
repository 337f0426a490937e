"""A new scheme's repository: what `mentordir init` writes.

Owns the starter files (`files/`: handbook, example mentor, workflows, guides) and the
one function that fills them in and writes them without overwriting anything (`create`).
Imports `mentordir.model` and `mentordir.content` (settings and the bio template).
"""
