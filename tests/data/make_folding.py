"""Regenerate tests/data/folding.json: python tests/data/make_folding.py (check the diff by eye: the expected terms come from Python)."""

import json
import unicodedata
from pathlib import Path

from mentordir.site.search_text import terms_of
samples = {
 "latin-accents": ["Zoë Brontë-Šimić", "José Ángel Muñoz", "Crème brûlée à la façon d'Ålesund", "Ægir Øster Łukasz Đorđević", "Straße STRASSE ẞ", "Þórunn Ðóra"],
 "devanagari": ["डॉ. प्रिया रघुनाथन", "प्रिया", "अनुष्का शर्मा", "क्षत्रिय ज्ञान"],
 "tamil": ["டாக்டர் ப்ரியா ரகுநாதன்", "ப்ரியா", "தமிழ்செல்வி"],
 "arabic": ["د. فاطمة بن علي", "مُحَمَّد", "عبد الرحمن"],
 "chinese": ["陈美玲医生", "王小明", "張 偉"],
 "cyrillic": ["Д-р Иван Петров", "Ёлка ёжик", "Йосиф Україна Ґанна"],
 "greek": ["Δρ Νίκος Παπαδόπουλος", "ΟΔΟΣ οδός", "Ἀθῆναι ΐ"],
 "welsh": ["Dr Siân Ŵyn Llŷr", "Gwenllïan ap Rhys", "Dŵr ŷd"],
 "emoji": ["👩‍⚕️ Dr Ada 🩺", "mentor🙂friend", "🇬🇧 UK ✨"],
 "turkish": ["Işık İsmail", "ıIiİ", "DİYARBAKIR ılık"],
 "punctuation": ["O'Neil’s A&E O&G", "Osei-Bonsu, Mei-Ling", "LGBTQ+ less-than-full-time", "ﬁnance ①②③ ¼ ™"],
}
blocks = {"latin-1 and extended-a": (0x00A0, 0x0180), "greek": (0x0370, 0x0400), "cyrillic": (0x0400, 0x0530),
          "arabic": (0x0600, 0x0700), "devanagari": (0x0900, 0x0980), "tamil": (0x0B80, 0x0C00),
          "latin extended additional": (0x1E00, 0x1F00), "greek extended": (0x1F00, 0x2000)}
for name, (lo, hi) in blocks.items():
    chars = [chr(c) for c in range(lo, hi) if unicodedata.category(chr(c)) != "Cn"]
    # Each character between letters and on its own, so joins and splits both show.
    samples["block: " + name] = [" ".join("a" + c + "b" for c in chars[i:i + 32]) for i in range(0, len(chars), 32)]
cases = [{"group": group, "text": text, "terms": terms_of(text)} for group, texts in samples.items() for text in texts]
json.dump({"about": "Text and the terms both search_text.terms_of (Python) and terms() in search-engine.js (JavaScript) must make of it; see generator/site/search_text.py for the rule. Regenerate: python tests/data/make_folding.py", "cases": cases}, open(Path(__file__).with_name("folding.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
print(len(cases))
