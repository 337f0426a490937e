"""The dev server: serve a preview, watch for edits, rebuild and reload the browser.

Owns the HTTP server (`http`), which changes count for the file watcher (`watch`, on
watchfiles), the rebuild loop (`server`, which keeps what the last good build remembered for
the next), the preview folder brought up to date file by file (`preview`) and the browser's
side (`live/`). It is handed the build function and may import every other package; no
other package imports it.
"""
