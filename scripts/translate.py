"""Fill zh_Hans translations into the catalogue from a Python dict file: `translate.py FILE`.

FILE defines `T = {msgid: msgstr}`; only untranslated or fuzzy entries are filled, and their
fuzzy flags are removed. A helper for translators; the catalogue stays the source of truth.
"""

import runpy
import sys

import polib

PO = "locale/zh_Hans/LC_MESSAGES/django.po"

translations = runpy.run_path(sys.argv[1])["T"]
catalogue = polib.pofile(PO)
catalogue.metadata_is_fuzzy = []
catalogue.header = (
    "Simplified Chinese translation of the Jiangxi social insurance online service hall."
)
catalogue.metadata["Project-Id-Version"] = "jxsi-portal"
catalogue.metadata["Language-Team"] = "zh_Hans"
catalogue.metadata["Language"] = "zh_Hans"
catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
catalogue.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
missing = []
for entry in catalogue:
    if entry.obsolete or (entry.translated() and "fuzzy" not in entry.flags):
        continue
    if entry.msgid in translations:
        entry.msgstr = translations[entry.msgid]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
    else:
        missing.append(entry.msgid)
catalogue.save(PO)
print("\n".join(f"missing: {m!r}" for m in missing) or "all translated")
