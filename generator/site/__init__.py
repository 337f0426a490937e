"""The site's pages: from the model and processed photos to the bytes of every file.

Owns the template contract (`pages`), rendering with the theme (`render`) and the filters
templates call (`filters`), theme assets (`assets`), the search index (`search_index`), the scheme team's pages (`team`, `capacity`,
`charts`) and the open-data export (`export`). Imports `model`, `content` and `photos`.
"""
