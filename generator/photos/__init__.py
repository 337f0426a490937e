"""Photos: turning each mentor's upload into safe, square, cached renditions.

Owns the pure image arithmetic and codecs (`imaging`) and the stage that runs them over
every photo with a cache on disk (`process`). Imports only `mentordir.model`.
"""
