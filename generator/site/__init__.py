"""The site's pages: from the model and processed photos to the bytes of every file.

Owns the template contract (`pages`), planning pages from the model (`plan`), rendering with
the theme (`render`, reusing unchanged `fragments` and the compiled templates kept signed
between builds, `compiled_templates`) and the filters templates call
(`filters`), theme assets (`assets`), the search index (`search_index`, `search_terms`,
`search_text`), the scheme team's pages and reports (`team`, `capacity`, `charts`, `trend`,
`roster`, `reminders`) and the open-data export (`export`).
Imports `model`, `content` and `photos`.
"""
