"""Reading content: settings, bios and schemes, from bytes on disk to the validated model.

Owns loading files (`load`), front matter (`frontmatter`), typed fields (`fields`), Markdown
(`markup`), site settings (`config`), validation (`validate`), the schemes' rules (`rules`)
and the bio template (`scaffold`). Imports only `mentordir.model`.
"""
