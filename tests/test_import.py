"""`mentordir import`: spreadsheets (CSV and .xlsx) in, bios out, checked by the same rules as `check`."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path

import pytest

from conftest import TODAY, bio_text, options_for
from mentordir.build import build, generate_site
from mentordir.cli import main
from mentordir.content.rowtext import bio_text as row_bio_text
from mentordir.content.spreadsheet import Cell, field_for_heading

HEADINGS = ["Full name", "Grade", "Speciality", "E-mail address", "Mobile", "Capacity", "Mentees", "Scheme",
            "How to meet", "Mentoring style", "Bio"]
GOOD = [
    ["Dr Ada Quill", "ST5", "Anaesthetics", "ada.quill@example.org", "07700 900001", "2", "0", "Returners",
     "Face to face, Video", "I listen first.", "I came back after two years away."],
    ["Dr Bo Tern", "Consultant", "General Practice; Medical Education", "", "07700 900002", "3", "1", "returners",
     "video", "Practical: we make a plan, NO fuss.", "A GP who likes to listen.\n\nSecond paragraph."],
]
BAD = [
    ["Dr Cy Wren", "ST9", "Cardiology", "cy@example", "", "two", "0", "nope", "", "I ask questions.", "Hello."],
    ["Dr Di Fell", "ST3", "Paediatrics", "di@example.org", "", "1", "0", "", "", "", ""],
]


def write_csv(path: Path, rows: list[list[str]], headings: list[str] = HEADINGS) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:  # as Excel saves "CSV UTF-8"
        csv.writer(handle).writerows([headings, *rows])
    return path


def write_xlsx(path: Path, rows: list[list[object]], headings: list[str] = HEADINGS) -> Path:
    import openpyxl
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [headings, *rows]:
        sheet.append(row)
    workbook.save(path)
    return path


def run(root: Path, *arguments: str, capsys) -> tuple[int, str, str]:
    status = main(["import", *arguments, "--root", str(root)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def tree(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_common_headings_name_their_fields():
    assert [field_for_heading(h) for h in HEADINGS] == ["name", "grade", "specialty", "email", "phone", "capacity",
                                                         "mentees", "schemes", "working", "style", "bio"]
    assert field_for_heading("Favourite colour") is None


def test_a_csv_of_good_rows_becomes_bios_that_build(make_site, tmp_path, capsys):
    root = make_site()
    sheet = write_csv(tmp_path / "mentors.csv", GOOD)
    status, out, err = run(root, str(sheet), capsys=capsys)
    assert (status, err) == (0, "")
    assert out.splitlines() == ["Wrote content/mentors/ada-quill.md (row 2)",
                                "Wrote content/mentors/bo-tern.md (row 3)",
                                "2 new bios and 0 changed bios were written; 0 left as they were."]
    assert (root / "content/mentors/bo-tern.md").read_text() == (
        "---\nname: Dr Bo Tern\ngrade: Consultant\nspecialty: [General Practice, Medical Education]\n"
        "schemes: [returners]\nstyle: \"Practical: we make a plan, NO fuss.\"\nworking: [video]\ncapacity: 3\n"
        "mentees: 1\ncontact:\n  preferred: phone\n  phone: \"07700 900002\"\n---\n"
        "A GP who likes to listen.\n\nSecond paragraph.\n")
    build(options_for(root), tmp_path / "out")
    profile = (tmp_path / "out" / "mentors" / "ada-quill" / "index.html").read_text()
    assert "Dr Ada Quill" in profile and "Face to face, Video" in profile


def test_every_bad_row_is_reported_with_its_row_and_column_and_nothing_is_written(make_site, tmp_path, capsys):
    root = make_site()
    sheet = write_csv(tmp_path / "mentors.csv", GOOD + BAD)
    status, out, err = run(root, str(sheet), capsys=capsys)
    assert status == 1
    assert err.splitlines() == [
        f"{sheet}:row 4: Grade: \"ST9\" is not a grade on this site's ladder (did you mean \"ST8\"?) - use one of: "
        "F1, F2, CT1, ST1, CT2, ST2, CT3, ST3, ST4, ST5, ST6, ST7, ST8, SAS, Specialty doctor, GP, Consultant",
        f"{sheet}:row 4: Capacity: \"two\" is not a whole number - write a number like 2",
        f"{sheet}:row 4: Scheme: \"nope\" is not a scheme on this site - use one of: returners "
        "(the schemes in content/schemes/)",
        f"{sheet}:row 4: E-mail address: \"cy@example\" is not an e-mail address - write it like "
        "`jane.doe@example.org`",
        f"{sheet}:row 5: Mentoring style: is empty - fill in the Mentoring style column",
        f"{sheet}:row 5: Bio: is empty - write a few sentences: who they are, why they mentor, how they like to work",
        "6 problems to fix in 2 rows. Nothing was written: fix them in the spreadsheet and import it again."]
    assert out == ""
    assert sorted(p.name for p in (root / "content" / "mentors").iterdir()) == []


def test_an_xlsx_with_good_and_bad_rows_reports_the_bad_ones_by_row(make_site, tmp_path, capsys):
    root = make_site()
    rows: list[list[object]] = [list(row) for row in GOOD + BAD]
    rows[0][5] = 2  # Excel keeps numbers as numbers
    rows[1][4] = 7700900002  # a phone number typed into a number cell: its 0 is gone
    sheet = write_xlsx(tmp_path / "mentors.xlsx", rows)
    status, _, err = run(root, str(sheet), capsys=capsys)
    assert status == 1
    assert err.splitlines()[0] == (f"{sheet}:row 3: Mobile: is stored as a number in the spreadsheet, so a leading 0 "
                                   "or + is lost - format the column as Text and type the number again")
    assert [line.split(":")[1] for line in err.splitlines()[:-1]] == ["row 3"] + ["row 4"] * 4 + ["row 5"] * 2


def test_an_xlsx_of_good_rows_with_dates_becomes_bios_that_build(make_site, tmp_path, capsys):
    root = make_site()
    rows: list[list[object]] = [[*row, dt.datetime(2027, 3, 1)] for row in GOOD]
    rows[1][-1] = None
    rows[0][5], rows[0][6] = 2, 0
    sheet = write_xlsx(tmp_path / "mentors.xlsx", rows, HEADINGS + ["Away until"])
    status, _, err = run(root, str(sheet), capsys=capsys)
    assert (status, err) == (0, "")
    assert "capacity: 2\nmentees: 0\naway_until: 2027-03-01\n" in (root / "content/mentors/ada-quill.md").read_text()
    build(options_for(root), tmp_path / "out")
    assert "Away until March 2027" in (tmp_path / "out" / "index.html").read_text()


def test_a_second_identical_import_changes_nothing(make_site, tmp_path, capsys):
    root = make_site()
    sheet = write_csv(tmp_path / "mentors.csv", GOOD)
    assert run(root, str(sheet), capsys=capsys)[0] == 0
    before = tree(root / "content")
    status, out, _ = run(root, str(sheet), capsys=capsys)
    assert status == 0 and tree(root / "content") == before
    assert out.splitlines()[-1] == "0 new bios and 0 changed bios were written; 2 left as they were."
    status, out, _ = run(root, str(sheet), "--update", capsys=capsys)
    assert status == 0 and tree(root / "content") == before
    assert out.splitlines() == ["content/mentors/ada-quill.md is up to date (row 2)",
                                "content/mentors/bo-tern.md is up to date (row 3)",
                                "0 new bios and 0 changed bios were written; 2 left as they were."]


def test_an_existing_bio_is_never_overwritten_without_update(make_site, tmp_path, capsys):
    mine = bio_text({"name": "Dr Ada Quill"}, body="My own words.\n")
    root = make_site({"content/mentors/ada-quill.md": mine})
    status, out, _ = run(root, str(write_csv(tmp_path / "m.csv", GOOD[:1])), capsys=capsys)
    assert status == 0 and (root / "content/mentors/ada-quill.md").read_text() == mine
    assert out.splitlines()[0] == ("content/mentors/ada-quill.md exists already and was left as it is (row 2); "
                                   "--update changes its capacity, mentees and contact details")


def test_update_changes_only_capacity_mentees_and_contact_lines_keeping_the_rest_byte_for_byte(make_site, tmp_path,
                                                                                               capsys):
    mine = bio_text({"name": "Dr Ada Quill", "capacity": "3  # as agreed with the team", "mentees": None},
                    body="My own words, which the sheet never touches.\n").replace("\n", "\r\n")
    root = make_site({"content/mentors/ada-quill.md": mine})
    sheet = write_csv(tmp_path / "m.csv", GOOD[:1])
    status, out, err = run(root, str(sheet), "--update", capsys=capsys)
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == ("Changed content/mentors/ada-quill.md (row 2): capacity 3 -> 2; "
                                   "mentees (none) -> 0; "
                                   "contact.email jane.doe@example.org -> ada.quill@example.org; "
                                   "contact.phone (none) -> 07700 900001")
    after = (root / "content/mentors/ada-quill.md").read_bytes().decode()
    assert after == mine.replace("capacity: 3  # as agreed with the team\r\n",
                                 "capacity: 2  # as agreed with the team\r\nmentees: 0\r\n").replace(
        "  email: jane.doe@example.org\r\n",
        '  email: ada.quill@example.org\r\n  phone: "07700 900001"\r\n')
    generate_site(options_for(root))  # still a valid bio


def test_dry_run_shows_the_bio_and_writes_nothing(make_site, tmp_path, capsys):
    root = make_site()
    status, out, _ = run(root, str(write_csv(tmp_path / "m.csv", GOOD[:1])), "--dry-run", capsys=capsys)
    assert status == 0 and list((root / "content" / "mentors").iterdir()) == []
    assert out.splitlines()[:3] == ["Would write content/mentors/ada-quill.md (row 2)", "    ---",
                                    "    name: Dr Ada Quill"]
    assert out.splitlines()[-1] == "1 new bio and 0 changed bios would be written; 0 left as they were."


def test_photos_are_taken_by_file_name_from_a_folder(make_site, tmp_path, capsys):
    from PIL import Image
    root = make_site()
    photos = tmp_path / "photos"
    photos.mkdir()
    Image.new("RGB", (700, 700), (120, 90, 60)).save(photos / "Ada-Quill.JPG")
    sheet = write_csv(tmp_path / "m.csv", [[*GOOD[0], "Ada-Quill.JPG"], [*GOOD[1], "missing.png"]],
                      HEADINGS + ["Photo"])
    status, _, err = run(root, str(sheet), "--photos", str(photos), capsys=capsys)
    assert status == 1
    assert err.splitlines()[0] == (f'{sheet}:row 3: Photo: "missing.png" is not in the photos folder - '
                                   "check the file name, or leave the cell empty")
    sheet = write_csv(tmp_path / "m.csv", [[*GOOD[0], "Ada-Quill.JPG"]], HEADINGS + ["Photo"])
    assert run(root, str(sheet), "--photos", str(photos), capsys=capsys)[0] == 0
    assert (root / "content/mentors/ada-quill.jpg").read_bytes() == (photos / "Ada-Quill.JPG").read_bytes()
    assert "photo: ada-quill.jpg\n" in (root / "content/mentors/ada-quill.md").read_text()
    generate_site(options_for(root))


def test_unknown_columns_must_be_mapped_or_left_out(make_site, tmp_path, capsys):
    root = make_site()
    sheet = write_csv(tmp_path / "m.csv", [[*GOOD[0], "07700 900009", "likes cats"]],
                      HEADINGS + ["Work phone", "Notes"])
    status, _, err = run(root, str(sheet), capsys=capsys)
    assert err.splitlines()[:2] == [
        f'{sheet}:row 1: Work phone: is not a column we know - name the bio field it holds with --map '
        '"Work phone=FIELD" (or --map "Work phone=ignore" to leave it out)',
        f'{sheet}:row 1: Notes: is not a column we know - name the bio field it holds with --map "Notes=FIELD" '
        '(or --map "Notes=ignore" to leave it out)']
    status, _, err = run(root, str(sheet), "--map", "Notes=ignore", "--map", "Work phone=phone", "--map",
                         "Mobile=ignore", capsys=capsys)
    assert (status, err) == (0, "")
    assert 'phone: "07700 900009"' in (root / "content/mentors/ada-quill.md").read_text()


def test_a_map_to_an_unknown_field_suggests_the_closest():
    from mentordir.content.columns import parse_maps
    from mentordir.content.spreadsheet import Table
    _, problems = parse_maps(["Notes=emial"], Table(file="m.csv", headings=("Notes",), rows=()))
    assert problems[0].as_text().startswith('m.csv:row 1: Notes: --map "Notes=emial" does not name a field we know '
                                            '(did you mean "email"?) - write --map "COLUMN=FIELD" with one of: name,')


@pytest.mark.parametrize("text, written", [("NO", '"NO"'), ("Smith, J", "Smith, J"), ("1:1", '"1:1"'),
                                           ("yes", '"yes"'), ("Wessex", "Wessex"), ("O'Neil", '"O\'Neil"')])
def test_values_yaml_would_misread_are_quoted(text, written):
    assert f"region: {written}\n" in row_bio_text({"region": Cell(text)}, {}, None)


def test_a_uk_date_is_written_the_iso_way():
    assert "updated: 2026-10-01\n" in row_bio_text({"updated": Cell("01/10/2026")}, {}, None)
    assert TODAY.year == 2026


def test_a_semicolon_csv_from_a_european_excel_is_read(make_site, tmp_path, capsys):
    root = make_site()
    sheet = tmp_path / "m.csv"
    with open(sheet, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([HEADINGS, GOOD[0]])
    assert run(root, str(sheet), capsys=capsys)[:2] == (0, "Wrote content/mentors/ada-quill.md (row 2)\n"
                                                           "1 new bio and 0 changed bios were written; "
                                                           "0 left as they were.\n")


def test_a_csv_that_is_not_utf8_says_how_to_save_it(make_site, tmp_path, capsys):
    sheet = tmp_path / "m.csv"
    sheet.write_bytes("Full name\nDr José\n".encode("cp1252"))
    status, _, err = run(make_site(), str(sheet), capsys=capsys)
    assert status == 1
    assert err == (f"error: {sheet}: is not UTF-8 text (byte 17); in Excel choose Save As > CSV UTF-8 "
                   "(Comma delimited)\n")
