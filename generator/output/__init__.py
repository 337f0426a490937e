"""Writing a built site to disk, and knowing when nothing needs writing.

Owns the atomic swap into the output folder (`write`) and the up-to-date check (`uptodate`).
Imports only `mentordir.model`.
"""
