"""Reading content: settings, bios and schemes, from bytes on disk to the validated model.

Owns loading files (`load`), front matter (`frontmatter`), typed fields (`fields`), Markdown
(`markup`), site settings (`config`), validation (`validate`), the schemes' rules (`rules`),
the bio template (`scaffold`), spreadsheets turned into bios (`spreadsheet`, `columns`,
`rowtext`, `importing`, `frontedit`) and the bios' git history (`history`). Imports only
`mentordir.model`.
"""
