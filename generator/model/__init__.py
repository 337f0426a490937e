"""The nouns every stage shares: the site's model, problems, and the rules for characters.

Owns the frozen dataclasses that pass between stages (`models`), the published photos and
their display sizes (`pictures`), the one `Problem` type and `ContentError` (`problems`),
which characters a single-line field may hold (`characters`), the one atomic file write
every wing uses (`files`), the digest that keys work a build reuses (`fingerprint`), the
key outside the site that signs what a build keeps (`signing_key`), and the plain-English
words for faults of the machine (`faults`).
Imports nothing else of mentordir's, so every other package may import it.
"""
