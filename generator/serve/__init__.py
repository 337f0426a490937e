"""The dev server: serve a preview, watch for edits, rebuild and reload the browser.

Owns the HTTP server (`http`), which changes count for the file watcher (`watch`, on
watchfiles), what it remembers between builds
(`memo`), the rebuild loop (`server`) and the browser's side (`live/`). It is handed the
build function and may import every other package; no other package imports it.
"""
