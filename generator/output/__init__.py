"""Writing a built site to disk, and knowing when nothing needs writing.

Owns the atomic swap into the output folder (`write`), making each site from the one it
replaced (`staging`, with the record of both in `shelf`), the up-to-date check (`uptodate`)
and what a build keeps on disk for the next (`remember`).
Imports only `mentordir.model`.
"""
