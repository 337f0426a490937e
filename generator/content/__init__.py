"""Reading content: settings, bios and schemes, from bytes on disk to the validated model.

Owns loading files (`load`) into what it hands on (`sources`), trusting a bio unchanged
since the last load by its stamp (`stamps`), front matter (`frontmatter`), typed fields
(`fields`), Markdown (`markup`), e-mail addresses and telephone numbers (`addresses`), site
settings (`config`), validation (`validate`), the schemes' rules (`rules`), the bio template
(`scaffold`), spreadsheets turned into bios (`spreadsheet`, `columns`, `rowtext`,
`importing`, `frontedit`), the bios' git history (`history`), files wrongly committed under
`.cache/` (`committed`) and the one way git is run (`git`). Imports only `mentordir.model`.
"""
