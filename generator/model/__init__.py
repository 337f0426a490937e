"""The nouns every stage shares: the site's model, problems, and the rules for characters.

Owns the frozen dataclasses that pass between stages (`models`), the one `Problem` type and
`ContentError` (`problems`), which characters a single-line field may hold (`characters`), and
the digest that keys work a build reuses (`fingerprint`).
Imports nothing else of mentordir's, so every other package may import it.
"""
